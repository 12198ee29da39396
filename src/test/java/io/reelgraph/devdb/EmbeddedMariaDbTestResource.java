package io.reelgraph.devdb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.reelgraph.support.Tokens;

/**
 * For tests of the packaged application, which runs in the prod profile and so starts no database itself: starts the
 * embedded MariaDB (or reuses this JVM's) and hands its coordinates, and the public key of the tests' tokens, to the
 * application as configuration.
 */
public class EmbeddedMariaDbTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String database = "reelgraph";
        int port = EmbeddedMariaDb.startOncePerJvm(Path.of("target/embedded-mariadb"), database);
        Map<String, String> config = new HashMap<>(DevDatabaseConfigSourceFactory.datasource(port, database));
        config.put("mp.jwt.verify.publickey", Tokens.packagedAppPublicKey());
        return config;
    }

    /**
     * The configuration of an empty database of its own on the same server, for tests whose rows would weigh on the
     * others (a million-link graph), created if missing.
     */
    public static Map<String, String> ownDatabase(String database) throws SQLException {
        Map<String, String> config = new EmbeddedMariaDbTestResource().start();
        try (Connection server = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"), "root", "");
                Statement create = server.createStatement()) {
            create.execute("CREATE DATABASE IF NOT EXISTS " + database);
        }
        int port = Integer.parseInt(System.getProperty(EmbeddedMariaDb.PORT_PROPERTY));
        config.putAll(DevDatabaseConfigSourceFactory.datasource(port, database));
        return config;
    }

    @Override
    public void stop() {
        // the server stops with this JVM, as it does for every other user of it
    }
}

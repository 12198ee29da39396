package io.reelgraph.devdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Points the datasource at an embedded MariaDB in dev mode and tests when no server is configured, so that
 * {@code ./mvnw quarkus:dev} and {@code ./mvnw verify} need nothing but Java. A configured
 * {@code quarkus.datasource.reactive.url} (for example {@code QUARKUS_DATASOURCE_REACTIVE_URL}) wins and nothing
 * starts; the prod profile never starts anything. (The dev key pair for bearer tokens is {@code devauth}'s.)
 */
public class EmbeddedMariaDbConfigSourceFactory implements ConfigSourceFactory {

    /** Below application.properties (250): anything a user configures overrides these values. */
    private static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean devOrTest = profiles.contains("dev") || profiles.contains("test");
        if (!devOrTest) {
            return List.of();
        }
        List<ConfigSource> sources = new ArrayList<>();
        if (isSet(context.getValue("quarkus.datasource.reactive.url"))
                || "false".equalsIgnoreCase(context.getValue("reelgraph.embedded-db.enabled").getValue())) {
            return sources;
        }
        String database = valueOr(context.getValue("reelgraph.embedded-db.database"), "reelgraph");
        Path workDir = Path.of(valueOr(context.getValue("reelgraph.embedded-db.dir"), "target/embedded-mariadb"));
        int port = EmbeddedMariaDb.startOncePerJvm(workDir, database);
        sources.add(new PropertiesConfigSource(datasource(port, database), "EmbeddedMariaDb", ORDINAL));
        return sources;
    }

    /** The datasource configuration for the embedded server on {@code port}. */
    static Map<String, String> datasource(int port, String database) {
        String hostAndDb = "//127.0.0.1:" + port + "/" + database;
        // skip-grant-tables: the server accepts any user; this is just the name the pools present
        return Map.of(
                "quarkus.datasource.reactive.url", "mysql:" + hostAndDb,
                "quarkus.datasource.jdbc.url", "jdbc:mariadb:" + hostAndDb,
                "quarkus.datasource.username", "root");
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static String valueOr(ConfigValue value, String fallback) {
        return isSet(value) ? value.getValue() : fallback;
    }
}

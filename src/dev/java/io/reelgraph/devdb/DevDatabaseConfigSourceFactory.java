package io.reelgraph.devdb;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Gives dev mode and tests a database when no server is configured, so that {@code ./mvnw quarkus:dev} and
 * {@code ./mvnw verify} need nothing but Java: the embedded MariaDB where this platform has one, else Quarkus Dev
 * Services, else dev mode stops with a paragraph naming the ways forward ({@link DevDatabase}). A configured
 * {@code quarkus.datasource.reactive.url} (for example {@code QUARKUS_DATASOURCE_REACTIVE_URL}) wins and nothing
 * starts; the prod profile never starts anything.
 */
public class DevDatabaseConfigSourceFactory implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(DevDatabaseConfigSourceFactory.class);

    /** Below application.properties (250): anything a user configures overrides these values. */
    private static final int ORDINAL = 150;

    private static final String DEV_SERVICES_ENABLED = "quarkus.datasource.devservices.enabled";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean devOrTest = profiles.contains("dev") || profiles.contains("test");
        if (!devOrTest || isSet(context.getValue("quarkus.datasource.reactive.url"))) {
            return List.of();
        }
        boolean embedded = !"false".equalsIgnoreCase(context.getValue("reelgraph.embedded-db.enabled").getValue());
        switch (DevDatabase.forThisMachine(embedded)) {
            case EMBEDDED -> {
                String database = valueOr(context.getValue("reelgraph.embedded-db.database"), "reelgraph");
                Path workDir = Path.of(valueOr(context.getValue("reelgraph.embedded-db.dir"), "target/embedded-mariadb"));
                int port = EmbeddedMariaDb.startOncePerJvm(workDir, database);
                Map<String, String> config = new HashMap<>(datasource(port, database));
                config.put(DEV_SERVICES_ENABLED, "false");
                return List.of(new PropertiesConfigSource(config, "EmbeddedMariaDb", ORDINAL));
            }
            case DEV_SERVICES -> {
                // nothing to set: Quarkus starts Dev Services when no URL is configured (setting it enabled would
                // start them even beside a configured JDBC URL)
                LOG.infof("%s: Quarkus Dev Services starts MariaDB in a container", DevDatabase.noEmbeddedServer(embedded));
                return List.of();
            }
            default -> throw new DevDatabase.Unavailable(embedded);
        }
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

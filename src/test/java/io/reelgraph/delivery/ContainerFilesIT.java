package io.reelgraph.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * No Docker engine runs here, so the container files are checked for what can go wrong without one: every file an
 * image copies exists after {@code ./mvnw package}, and the compose file wires the service the way it reads its
 * configuration.
 */
class ContainerFilesIT {

    @ParameterizedTest
    @ValueSource(strings = { "docker/Dockerfile.jvm", "docker/Dockerfile.native-multistage" })
    void everyCopiedPathExists(String dockerfile) throws IOException {
        List<String> sources = copySources(dockerfile);
        assertTrue(!sources.isEmpty(), dockerfile + " copies nothing");
        for (String source : sources) {
            // the JDK AOT cache is written when the integration tests' application stops, after these tests (on JDK
            // 25: pom.xml, profile aot-cache); .ci/run checks that it is there
            if (!source.equals("target/quarkus-app/app.aot")) {
                assertTrue(matches(source), dockerfile + " copies " + source + ", which does not exist");
            }
        }
    }

    @Test
    void nativeImageCopiesTheRunnerThatANativeBuildWrites() throws IOException {
        // a JVM build writes no runner; the pattern must match the name a native build of this POM gives it
        String source = copySources("docker/Dockerfile.native").get(0);
        PathMatcher runner = FileSystems.getDefault().getPathMatcher("glob:" + source);
        Path built = Path.of("target").resolve(Path.of(System.getProperty("native.image.path")).getFileName());
        assertTrue(runner.matches(built), source + " does not match " + built);
    }

    @Test
    void theJvmImageStartsFromItsAotCacheAndExitsOnAnOutOfMemoryError() throws IOException {
        String options = jvmImageJavaOpts();
        assertTrue(exitsOnOutOfMemoryError(options), "JAVA_OPTS of docker/Dockerfile.jvm: " + options);
        assertTrue(options.contains("-Dquarkus.http.host=0.0.0.0"), options);
        // the cache is named relative to the working directory the entrypoint runs quarkus-run.jar from
        assertTrue(List.of(options.split("\\s+")).contains("-XX:AOTCache=app.aot"), options);
        assertEquals(List.of("/deployments"), instructions("docker/Dockerfile.jvm", "WORKDIR"));
        assertEquals(List.of("sh", "-c", "exec java $JAVA_OPTS -jar quarkus-run.jar"),
                instructions("docker/Dockerfile.jvm", "ENTRYPOINT").stream().map(ContainerFilesIT::jsonArray)
                        .reduce((first, last) -> last).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = { "docker/Dockerfile.native", "docker/Dockerfile.native-multistage" })
    void theNativeImageExitsOnAnOutOfMemoryError(String dockerfile) throws IOException {
        List<String> entrypoint = instructions(dockerfile, "ENTRYPOINT").stream()
                .reduce((first, last) -> last).map(ContainerFilesIT::jsonArray).orElseThrow();
        assertEquals("./application", entrypoint.get(0));
        assertTrue(exitsOnOutOfMemoryError(String.join(" ", entrypoint)), dockerfile + ": " + entrypoint);
    }

    @Test
    void composeStartsMariaDbWithAHealthCheckAndWiresTheService() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker/compose.yaml").toFile());
        JsonNode db = compose.at("/services/db");
        assertTrue(db.get("image").asText().startsWith("mariadb:11.4"));
        assertTrue(db.has("healthcheck"));
        assertEquals("db-data:/var/lib/mysql", db.at("/volumes/0").asText());
        assertTrue(compose.at("/volumes").has("db-data"));

        JsonNode service = compose.at("/services/reelgraph");
        assertEquals("service_healthy", service.at("/depends_on/db/condition").asText());
        assertEquals("docker/Dockerfile.jvm", service.at("/build/dockerfile").asText());
        assertTrue(Files.exists(Path.of("docker").resolve(service.at("/build/context").asText()).resolve("pom.xml")));
        Set<String> environment = new HashSet<>();
        service.get("environment").fieldNames().forEachRemaining(environment::add);
        assertEquals(Set.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"), environment);
        assertEquals("reelgraph", db.at("/environment/MARIADB_DATABASE").asText());
        assertTrue(service.at("/environment/QUARKUS_DATASOURCE_REACTIVE_URL").asText().endsWith("/reelgraph"));
    }

    /** The JVM options of the JVM image; a Deployment that sets the variable must repeat them. */
    static String jvmImageJavaOpts() throws IOException {
        return jvmImageEnv("JAVA_OPTS");
    }

    /** The value the JVM image gives an environment variable (its last {@code ENV NAME=value}). */
    static String jvmImageEnv(String name) throws IOException {
        String prefix = name + "=";
        return instructions("docker/Dockerfile.jvm", "ENV").stream()
                .filter(env -> env.startsWith(prefix))
                .map(env -> env.substring(prefix.length()).replaceAll("^\"|\"$", ""))
                .reduce((first, last) -> last).orElseThrow(() -> new AssertionError("no ENV " + name));
    }

    /** Whether the last of the options that mention it switches -XX:+ExitOnOutOfMemoryError on. */
    static boolean exitsOnOutOfMemoryError(String options) {
        return Stream.of(options.split("\\s+")).filter(option -> option.contains("ExitOnOutOfMemoryError"))
                .reduce((first, last) -> last).filter("-XX:+ExitOnOutOfMemoryError"::equals).isPresent();
    }

    /** The arguments of each instruction of that name, in order. */
    private static List<String> instructions(String dockerfile, String name) throws IOException {
        return Files.readAllLines(Path.of(dockerfile)).stream()
                .map(String::strip)
                .filter(line -> line.startsWith(name + " "))
                .map(line -> line.substring(name.length()).strip())
                .toList();
    }

    private static List<String> jsonArray(String json) {
        try {
            return List.of(new ObjectMapper().readValue(json, String[].class));
        } catch (IOException e) {
            throw new AssertionError("not a JSON array: " + json, e);
        }
    }

    /** The source paths of the COPY instructions that copy from the build context. */
    private static List<String> copySources(String dockerfile) throws IOException {
        return Files.readAllLines(Path.of(dockerfile)).stream()
                .map(String::strip)
                .filter(line -> line.startsWith("COPY ") && !line.contains("--from="))
                .flatMap(line -> {
                    List<String> words = Stream.of(line.split("\\s+")).skip(1)
                            .filter(word -> !word.startsWith("--")).toList();
                    return words.subList(0, words.size() - 1).stream();
                })
                .toList();
    }

    private static boolean matches(String source) throws IOException {
        if (!source.contains("*")) {
            return Files.exists(Path.of(source));
        }
        Path dir = Path.of(source).getParent();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + source);
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(matcher::matches);
        }
    }
}

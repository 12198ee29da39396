package io.reelgraph;

import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.reelgraph.devdb.EmbeddedMariaDbTestResource;

/**
 * The packaged application (target/quarkus-app, prod profile) against a real MariaDB given to it by configuration,
 * as it runs in a container: migrations, a graph written and read back, health and metrics.
 */
@QuarkusIntegrationTest
@WithTestResource(EmbeddedMariaDbTestResource.class)
class PackagedApplicationIT {

    @Test
    void servesTheSeedGraph() {
        long author = post("/authors", """
                {"name":"test_author","featuredVideo":{"code":"new_video","img":"123","score":9},
                 "videos":[{"code":"video a"}],"credits":[{"video":{"code":"video b"},"extraData":"a b"}]}""")
                .statusCode(201).extract().jsonPath().getLong("id");
        get("/authors/" + author).statusCode(200)
                .body("featuredVideo.code", equalTo("new_video"))
                .body("videos[0].code", equalTo("video a"))
                .body("credits[0].extraData", equalTo("a b"));
    }

    @Test
    void writesNeedATokenAndTheDevTokenEndpointIsNotShipped() {
        given().contentType("application/json").body("{\"name\":\"anonymous\"}").post("/authors").then()
                .statusCode(401);
        given().get("/dev/token").then().statusCode(404);
    }

    /** The benchmark's raw baseline (src/bench: unauthenticated writes) is not in the shipped application. */
    @Test
    void theBenchmarkBaselineIsNotShipped() throws IOException {
        given().contentType("application/json").body("{}").post("/bench/raw/graph").then().statusCode(404);
        // the application's own jar and the classes Quarkus generated for it (target/quarkus-app/lib holds libraries)
        List<String> entries = new ArrayList<>();
        for (String dir : List.of("target/quarkus-app/app", "target/quarkus-app/quarkus")) {
            try (Stream<Path> jars = Files.list(Path.of(dir))) {
                for (Path jar : jars.filter(path -> path.toString().endsWith(".jar")).toList()) {
                    try (JarFile file = new JarFile(jar.toFile())) {
                        file.stream().map(JarEntry::getName).filter(name -> !name.endsWith("/")).forEach(entries::add);
                    }
                }
            }
        }
        assertTrue(entries.stream().anyMatch(name -> name.startsWith("io/reelgraph/http/")), "the app's classes");
        assertEquals(List.of(), entries.stream().filter(name -> name.startsWith("io/reelgraph/bench/")).toList());
    }

    /** The explorer page and the libraries its import map names are served by the package itself. */
    @Test
    void theExplorerPageAndItsLibrariesAreServed() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .body(containsString("<title>reelgraph explorer</title>"));
        String importMap = given().get("/_importmap/generated_importmap.js").then().statusCode(200).extract()
                .asString();
        for (String library : List.of("\"lit\"", "\"echarts/\"")) {
            assertTrue(importMap.contains(library), library + " is not in the import map: " + importMap);
        }
        for (String module : List.of("/explorer/explorer.js", "/_static/echarts/dist/echarts.esm.min.js",
                "/_static/lit/index.js")) {
            given().get(module).then().statusCode(200).contentType(containsString("javascript"));
        }
    }

    @Test
    void healthAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        get("/authors/1");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/authors/{id}\""));
    }

    /** An upstream bug's warning at every start is filtered out (observability.UpstreamNoise). */
    @Test
    void theLogHasNoDuplicateGaugeWarning() throws IOException {
        get("/authors/1"); // the pool and its metrics are in use
        List<String> warnings = Files.readAllLines(Path.of("target/quarkus.log")).stream()
                .filter(line -> line.contains("has been already registered")).toList();
        assertEquals(List.of(), warnings);
    }
}

package io.reelgraph.http;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.devdb.EmbeddedDatabaseOutage;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.reelgraph.support.Http;
import io.reelgraph.support.Tokens;
import io.restassured.response.ValidatableResponse;

/**
 * The database goes away while graphs are being written and read, and comes back: requests in flight end within 2 s
 * (200, 201 or 503, never a 500 or a hang), new requests fail fast with 503 problems, readiness says DOWN while
 * liveness stays UP, the service recovers by itself, and no graph is left half-written.
 */
@QuarkusTest
class DatabaseOutageTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    Database db;

    @Test
    void failsFastDuringAnOutageAndRecoversWithoutARestart() {
        long author = Api.createAuthor("survivor");

        List<CompletableFuture<Answer>> inFlight = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            inFlight.add(Http.CLIENT
                    .sendAsync(Http.request(port, "/authors/" + author).timeout(Duration.ofSeconds(15)).build(),
                            HttpResponse.BodyHandlers.discarding())
                    .thenApply(Answer::of));
        }
        String tag = Api.unique("cut");
        List<CompletableFuture<Answer>> imports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            imports.add(Http.CLIENT.sendAsync(Http.request(port, "/authors")
                    .header("Content-Type", "application/json").header("Authorization", Tokens.editor())
                    .timeout(Duration.ofSeconds(15))
                    .POST(HttpRequest.BodyPublishers.ofString(Api.largeAuthor(tag + "-" + i))).build(),
                    HttpResponse.BodyHandlers.discarding()).thenApply(Answer::of));
        }
        String bulkTag = Api.unique("bulk");
        imports.add(Http.CLIENT.sendAsync(Http.request(port, "/graph")
                .header("Content-Type", "application/json").header("Authorization", Tokens.editor())
                .timeout(Duration.ofSeconds(65)).POST(HttpRequest.BodyPublishers.ofString(graphDocument(bulkTag)))
                .build(), HttpResponse.BodyHandlers.discarding()).thenApply(Answer::of));
        // what follows is about requests in flight: at least the bulk import must still be running
        assertTrue(imports.stream().anyMatch(response -> !response.isDone()), "no request was in flight");
        EmbeddedDatabaseOutage.stop();
        long gone = System.nanoTime();
        try {
            // in flight when the server went: each is answered soon after, committed or not
            List<Answer> answers = new ArrayList<>();
            inFlight.forEach(response -> answers.add(response.join()));
            imports.forEach(response -> answers.add(response.join()));
            Set<Integer> statuses = new TreeSet<>();
            answers.forEach(answer -> statuses.add(answer.status()));
            assertTrue(Set.of(200, 201, 503).containsAll(statuses), "in-flight requests: " + statuses);
            long lastMillis = answers.stream().mapToLong(answer -> answer.at() - gone).max().orElseThrow() / 1_000_000;
            System.out.printf("Outage: %d requests in flight ended as %s, the last %d ms after the server was gone%n",
                    answers.size(), statuses, lastMillis);
            assertTrue(lastMillis < 2_000, "a request in flight was answered " + lastMillis + " ms after the outage");

            assertFailsFast(() -> get("/authors/" + author));
            assertFailsFast(() -> post("/authors", "{\"name\":\"during the outage\"}"));
            assertFailsFast(() -> get("/videos?size=5"));

            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            EmbeddedDatabaseOutage.start();
        }

        long back = System.nanoTime();
        while (get("/authors/" + author).extract().statusCode() != 200) {
            if (System.nanoTime() - back > 5_000_000_000L) {
                fail("no recovery within 5 s of the database's return");
            }
            sleep();
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        post("/authors", "{\"name\":\"after the outage\"}").statusCode(201);

        // a graph cut off by the outage was rolled back whole: all of it is there, or none
        for (int i = 0; i < 3; i++) {
            String name = tag + "-" + i;
            long authors = db.count("SELECT COUNT(*) FROM author WHERE name = ?", name);
            long videos = db.count("SELECT COUNT(*) FROM video WHERE img = ?", name);
            long credits = db.count("SELECT COUNT(*) FROM video_author WHERE extra_data = ?", name);
            assertTrue(authors == 0 && videos == 0 && credits == 0 || authors == 1 && videos == 200 && credits == 100,
                    name + ": " + authors + " authors, " + videos + " videos, " + credits + " credits");
        }
        // and so was the import
        long authors = db.count("SELECT COUNT(*) FROM author WHERE name = ?", bulkTag);
        long videos = db.count("SELECT COUNT(*) FROM video WHERE img = ?", bulkTag);
        long credits = db.count("SELECT COUNT(*) FROM video_author WHERE extra_data = ?", bulkTag);
        assertTrue(authors == 0 && videos == 0 && credits == 0
                || authors == BULK && videos == BULK && credits == 2L * BULK,
                "import: " + authors + " authors, " + videos + " videos, " + credits + " credits");
    }

    private static final int BULK = 3_000;

    /** A response's status, and when it arrived. */
    private record Answer(int status, long at) {
        static Answer of(HttpResponse<?> response) {
            return new Answer(response.statusCode(), System.nanoTime());
        }
    }

    /** A POST /graph document of {@value #BULK} authors and videos, each author uploading one and credited on two. */
    private static String graphDocument(String tag) {
        StringBuilder nodes = new StringBuilder();
        StringBuilder edges = new StringBuilder();
        for (int i = 0; i < BULK; i++) {
            nodes.append(i == 0 ? "" : ",").append("{\"id\":\"a").append(i).append("\",\"type\":\"author\",\"name\":\"")
                    .append(tag).append("\"},{\"id\":\"v").append(i).append("\",\"type\":\"video\",\"code\":\"g\",\"img\":\"")
                    .append(tag).append("\"}");
            edges.append(i == 0 ? "" : ",").append("{\"from\":\"a").append(i).append("\",\"to\":\"v").append(i)
                    .append("\",\"kind\":\"upload\"}");
            for (int k = 0; k < 2; k++) {
                edges.append(",{\"from\":\"a").append(i).append("\",\"to\":\"v").append((i + k) % BULK)
                        .append("\",\"kind\":\"credit\",\"extraData\":\"").append(tag).append("\"}");
            }
        }
        return "{\"nodes\":[" + nodes + "],\"edges\":[" + edges + "]}";
    }

    /** A 503 problem within 2 seconds. */
    private static void assertFailsFast(Supplier<ValidatableResponse> request) {
        long started = System.nanoTime();
        assertProblem(request.get(), 503, "database-unavailable");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 2_000, "a request during the outage took " + millis + " ms");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

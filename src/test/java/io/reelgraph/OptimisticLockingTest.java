package io.reelgraph;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.json;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.reelgraph.support.Tokens;

/** ETags on authors and videos; PUT with a stale If-Match is 412; without If-Match the last write wins. */
@QuarkusTest
class OptimisticLockingTest {

    @Inject
    Database db;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void staleIfMatchIs412() {
        long author = Api.createAuthor("versioned");
        String etag = get("/authors/" + author).statusCode(200).extract().header("ETag");
        assertEquals("\"0\"", etag);

        String next = json("{\"name\":\"first edit\"}").header("If-Match", etag).put("/authors/" + author).then()
                .statusCode(200).body("version", equalTo(1)).extract().header("ETag");
        assertEquals("\"1\"", next);

        db.assertUnchangedBy(() -> assertProblem(json("{\"name\":\"lost update\"}").header("If-Match", etag)
                .put("/authors/" + author).then(), 412, "precondition-failed"));
        get("/authors/" + author).body("name", equalTo("first edit"));

        json("{\"name\":\"star\"}").header("If-Match", "*").put("/authors/" + author).then().statusCode(200);
        // no If-Match: the last write wins
        json("{\"name\":\"last\"}").put("/authors/" + author).then().statusCode(200).body("version", equalTo(3));
    }

    @Test
    void videosToo() {
        long video = Api.createVideo("versioned");
        String etag = json("{\"code\":\"v2\"}").put("/videos/" + video).then().statusCode(200).extract()
                .header("ETag");
        assertProblem(json("{\"code\":\"v3\"}").header("If-Match", "\"0\"").put("/videos/" + video).then(), 412,
                "precondition-failed");
        json("{\"code\":\"v3\"}").header("If-Match", etag).put("/videos/" + video).then().statusCode(200)
                .body("code", equalTo("v3"));
    }

    @Test
    void racingUpdatersWithTheSameIfMatchOneWins() {
        long author = Api.createAuthor("raced");
        Map<Integer, Long> statuses = putConcurrently(author, 20, "\"0\"");

        assertEquals(1, statuses.get(200), "one update wins: " + statuses);
        assertEquals(19, statuses.get(412), "the others are told it changed: " + statuses);
        assertEquals(1L, db.row("SELECT version FROM author WHERE id = ?", author).get("version"));
    }

    @Test
    void racingUpdatersWithoutIfMatchAllSucceed() {
        long author = Api.createAuthor("raced freely");
        Map<Integer, Long> statuses = putConcurrently(author, 20, null);

        assertEquals(Map.of(200, 20L), statuses);
        String name = (String) db.row("SELECT name FROM author WHERE id = ?", author).get("name");
        assertTrue(name.startsWith("writer "), name);
    }

    private Map<Integer, Long> putConcurrently(long author, int count, String ifMatch) {
        List<CompletableFuture<Integer>> responses = IntStream.range(0, count).mapToObj(i -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/authors/" + author))
                    .header("Content-Type", "application/json").header("Authorization", Tokens.editor())
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"writer " + i + "\"}"));
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode);
        }).toList();
        return responses.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()));
    }
}

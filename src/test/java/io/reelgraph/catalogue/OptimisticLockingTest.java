package io.reelgraph.catalogue;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.json;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.ConcurrentPuts;
import io.reelgraph.support.Database;

/** ETags on authors and videos; PUT with a stale If-Match is 412; without If-Match the last write wins. */
@QuarkusTest
class OptimisticLockingTest {

    @Inject
    Database db;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

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
        return ConcurrentPuts.send(port, count, i -> "/authors/" + author, i -> "{\"name\":\"writer " + i + "\"}",
                ifMatch);
    }
}

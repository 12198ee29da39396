package io.reelgraph.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * A write whose connection dies under it while the database stays up (its node killed behind a cluster's proxy; here
 * the server kills that one connection) is answered with a 503 {@code database-unavailable} problem at once, not by
 * the request timeout, and writes nothing.
 */
@QuarkusTest
class LostConnectionTest {

    @Inject
    Database db;

    @Inject
    Pool pool;

    @Test
    void aWriteWhoseConnectionDiesIsAnsweredAtOnce() throws Exception {
        long author = Api.createAuthor("before");
        SqlConnection holder = pool.getConnection().await().indefinitely();
        try {
            run(holder, "BEGIN");
            run(holder, "SELECT id FROM author WHERE id = " + author + " FOR UPDATE");
            long started = System.nanoTime();
            CompletableFuture<ValidatableResponse> answer = CompletableFuture
                    .supplyAsync(() -> Api.put("/authors/" + author, "{\"name\":\"after\"}"));
            run(holder, "KILL " + waitingConnection());
            ValidatableResponse response = answer.get();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            Api.assertProblem(response, 503, "database-unavailable");
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "answered after " + took);
        } finally {
            run(holder, "ROLLBACK");
            holder.closeAndAwait();
        }
        assertEquals("before", db.row("SELECT name FROM author WHERE id = ?", author).get("name"));
    }

    /** The server's id of the request's connection, once its update waits for the held row. */
    private long waitingConnection() throws InterruptedException {
        long started = System.nanoTime();
        while (System.nanoTime() - started < 5_000_000_000L) {
            var waiting = db.rows("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'update author %'");
            if (!waiting.isEmpty()) {
                return ((Number) waiting.get(0).get("ID")).longValue();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the request did not wait for the held row within 5 s");
    }

    private static void run(SqlConnection connection, String sql) {
        connection.query(sql).execute().await().indefinitely();
    }
}

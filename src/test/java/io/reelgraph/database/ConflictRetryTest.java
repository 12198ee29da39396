package io.reelgraph.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.reelgraph.support.Metrics;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * A write that loses a deadlock (error 1213, which is also how a Galera node reports a write that lost certification
 * to one committed on another node) is run again when the request is idempotent, and is a 409 problem otherwise. The
 * deadlock is a real one: a transaction of the test's own holds one row the request needs and then asks for one the
 * request holds; it has written more, so InnoDB rolls the request back.
 */
@QuarkusTest
class ConflictRetryTest {

    @Inject
    Database db;

    @Inject
    Pool pool;

    @Test
    void anIdempotentWriteThatLosesADeadlockIsRunAgain() throws Exception {
        long video = Api.createVideo(Api.unique("dl"));
        long previous = Api.createAuthor("previous featurer");
        long next = Api.createAuthor("next featurer");
        Api.put("/videos/" + video + "/featured-by", "{\"authorId\":" + previous + "}").statusCode(200);
        double conflictsBefore = conflicts();

        // the request releases the previous featurer's row (locked), then waits for the next one's, which the test holds
        ValidatableResponse answer = deadlock(next, previous,
                () -> Api.put("/videos/" + video + "/featured-by", "{\"authorId\":" + next + "}"));

        answer.statusCode(200);
        assertEquals(next, db.row("SELECT id FROM author WHERE featured_video_id = ?", video).get("id"));
        assertNull(db.row("SELECT featured_video_id FROM author WHERE id = ?", previous).get("featured_video_id"));
        assertEquals(conflictsBefore + 1, conflicts(), "one attempt lost, the next one won");
    }

    @Test
    void aCreateThatLosesADeadlockIsAConflictAndWritesNothing() throws Exception {
        long uploader = Api.createAuthor("uploader");
        long featurer = Api.createAuthor("featurer");
        String code = Api.unique("dl");

        // the new video's row holds a shared lock on its uploader (the foreign key), then the request waits for the
        // featurer's row, which the test holds
        ValidatableResponse answer = deadlock(featurer, uploader, () -> Api.post("/videos",
                "{\"code\":\"" + code + "\",\"authorId\":" + uploader + ",\"featuredById\":" + featurer + "}"));

        Api.assertProblem(answer, 409, "conflict");
        assertEquals(0, db.count("SELECT COUNT(*) FROM video WHERE code = ?", code));
        assertNull(db.row("SELECT featured_video_id FROM author WHERE id = ?", featurer).get("featured_video_id"));
    }

    /**
     * Sends {@code request} while a transaction of the test's own holds the row of author {@code held}; once the
     * request waits for it, the test asks for author {@code wanted}'s row, which the request holds, and then rolls back.
     */
    private ValidatableResponse deadlock(long held, long wanted, Supplier<ValidatableResponse> request)
            throws Exception {
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            run(connection, "BEGIN");
            // more rows written than the request's: InnoDB rolls back the transaction that has written less
            run(connection, "INSERT INTO video (code) SELECT 'weight' FROM seq_1_to_300");
            run(connection, "SELECT id FROM author WHERE id = " + held + " FOR UPDATE");
            CompletableFuture<ValidatableResponse> answer = CompletableFuture.supplyAsync(request);
            awaitLockWait();
            run(connection, "SELECT id FROM author WHERE id = " + wanted + " FOR UPDATE");
            run(connection, "ROLLBACK");
            return answer.get();
        } finally {
            connection.closeAndAwait();
        }
    }

    private static void run(SqlConnection connection, String sql) {
        connection.query(sql).execute().await().indefinitely();
    }

    private void awaitLockWait() throws InterruptedException {
        long started = System.nanoTime();
        // the request's update of the held row is under way (INNODB_TRX does not always list its transaction yet)
        while (db.count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'update author %'") == 0) {
            if (System.nanoTime() - started > 5_000_000_000L) {
                throw new AssertionError("the request did not wait for the held row within 5 s");
            }
            Thread.sleep(20);
        }
    }

    private static double conflicts() {
        return Metrics.sum("reelgraph_write_conflicts_total");
    }
}

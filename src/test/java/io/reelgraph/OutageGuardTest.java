package io.reelgraph;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.put;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.database.DatabasePool;
import io.reelgraph.error.DatabaseOutageGuard;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;

/**
 * Requests stuck on the database when it is found down are answered at once with a 503, and a write answered that
 * way does not commit when the database lets it go on. The database is held up with a table lock and declared down
 * by a stand-in probe, so that this runs the same way every time (DatabaseOutageTest stops the real server).
 */
@QuarkusTest
class OutageGuardTest {

    @Inject
    Database db;

    @Inject
    DatabaseOutageGuard guard;

    @Test
    void requestsInFlightWhenTheDatabaseIsDownAreAnsweredAndWriteNothing() throws Exception {
        QuarkusMock.installMockForType(new DatabasePool() {
            @Override
            public Uni<Boolean> down(Duration timeout) {
                return Uni.createFrom().item(true);
            }
        }, DatabasePool.class);
        long author = Api.createAuthor("steady");
        try (AutoCloseable lock = db.lockTable("author")) {
            CompletableFuture<ValidatableResponse> read = CompletableFuture.supplyAsync(() -> get("/authors/" + author));
            CompletableFuture<ValidatableResponse> write = CompletableFuture.supplyAsync(
                    () -> put("/authors/" + author, "{\"name\":\"cut off\"}"));
            Thread.sleep(500); // both are waiting on the lock
            long lost = System.nanoTime();
            guard.connectionLost();
            assertProblem(read.join(), 503, "database-unavailable").body("detail", containsString("retry later"));
            assertProblem(write.join(), 503, "database-unavailable")
                    .body("detail", containsString("read the resource before retrying"));
            long millis = (System.nanoTime() - lost) / 1_000_000;
            assertTrue(millis < 1_000, "answered " + millis + " ms after the database was found down");
        }
        Thread.sleep(1_000); // the write's transaction goes on once the lock is gone: it must roll back, not commit
        get("/authors/" + author).statusCode(200).body("name", equalTo("steady"));
    }
}

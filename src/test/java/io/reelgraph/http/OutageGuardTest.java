package io.reelgraph.http;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.post;
import static io.reelgraph.support.Api.put;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.database.DatabasePool;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;

/**
 * Requests stuck on the database when it is found down are answered at once with a 503, and a write answered that
 * way (through Hibernate Reactive or, for an import, the reactive client) does not commit when the database lets it
 * go on. The database is held up with a table lock and declared down
 * by a stand-in probe, so that this runs the same way every time (DatabaseOutageTest stops the real server).
 */
@QuarkusTest
class OutageGuardTest {

    @Inject
    Database db;

    @Inject
    DatabaseOutageGuard guard;

    /** One thread per client, so that all three requests are sent at once. */
    private final ExecutorService clients = Executors.newFixedThreadPool(3);

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void requestsInFlightWhenTheDatabaseIsDownAreAnsweredAndWriteNothing() throws Exception {
        QuarkusMock.installMockForType(new DatabasePool(Duration.ofSeconds(10), true) {
            @Override
            public Uni<Boolean> down(Duration timeout) {
                return Uni.createFrom().item(true);
            }
        }, DatabasePool.class);
        long author = Api.createAuthor("steady");
        String code = Api.unique("cut");
        try (AutoCloseable lock = db.lockTable("author")) {
            CompletableFuture<ValidatableResponse> read = CompletableFuture.supplyAsync(() -> get("/authors/" + author),
                    clients);
            CompletableFuture<ValidatableResponse> write = CompletableFuture.supplyAsync(
                    () -> put("/authors/" + author, "{\"name\":\"cut off\"}"), clients);
            CompletableFuture<ValidatableResponse> graphImport = CompletableFuture.supplyAsync(() -> post("/graph",
                    "{\"nodes\":[{\"id\":\"v\",\"type\":\"video\",\"code\":\"" + code + "\"}],"
                            + "\"edges\":[{\"from\":\"author:" + author + "\",\"to\":\"v\",\"kind\":\"upload\"}]}"),
                    clients);
            db.awaitLockWaits(3);
            long lost = System.nanoTime();
            guard.connectionLost();
            assertProblem(read.join(), 503, "database-unavailable").body("detail", containsString("retry later"));
            assertProblem(write.join(), 503, "database-unavailable")
                    .body("detail", containsString("read the resource before retrying"));
            assertProblem(graphImport.join(), 503, "database-unavailable");
            long millis = (System.nanoTime() - lost) / 1_000_000;
            assertTrue(millis < 1_000, "answered " + millis + " ms after the database was found down");
        }
        // the writes go on once the lock is gone (an update, an import), and take milliseconds: they must roll back
        db.awaitLockWaits(0);
        Thread.sleep(1_500);
        get("/authors/" + author).statusCode(200).body("name", equalTo("steady"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM video WHERE code = ?", code));
    }
}

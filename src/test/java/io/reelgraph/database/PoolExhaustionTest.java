package io.reelgraph.database;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.put;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Every pooled connection busy: a read and a write that cannot get one in time are 503s, not 500s, and write nothing. */
@QuarkusTest
class PoolExhaustionTest {

    @Inject
    Database db;

    @Inject
    Pool pool;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size")
    int poolSize;

    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void requestsThatGetNoConnectionInTimeAre503s() throws Exception {
        long author = Api.createAuthor("busy");
        List<CompletableFuture<ValidatableResponse>> holding = new ArrayList<>();
        // the pool's connections: one watches the server, one holds the lock, each read below holds one as it waits
        SqlConnection monitor = pool.getConnection().await().indefinitely();
        try (AutoCloseable lock = db.lockTable("author")) {
            for (int i = 0; i < poolSize - 2; i++) {
                holding.add(CompletableFuture.supplyAsync(() -> get("/authors/" + author), clients));
            }
            Database.awaitLockWaits(monitor, poolSize - 2);
            long started = System.nanoTime();
            assertProblem(get("/authors/" + author), 503, "database-unavailable")
                    .body("detail", containsString("no connection became free"));
            assertProblem(put("/authors/" + author, "{\"name\":\"squeezed in\"}"), 503, "database-unavailable")
                    .body("detail", containsString("read the resource before retrying"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 6_000, "two requests refused after " + millis + " ms");
        } finally {
            monitor.close().await().indefinitely();
        }
        holding.forEach(response -> response.join().statusCode(200));
        get("/authors/" + author).statusCode(200).body("name", equalTo("busy"));
    }
}

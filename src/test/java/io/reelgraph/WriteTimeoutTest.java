package io.reelgraph;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.put;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.restassured.response.ValidatableResponse;

/**
 * A write that is not ready to commit within 80% of the request timeout is rolled back: once the client has (or is
 * about to have) a timeout for an answer, the change must not land behind it.
 */
@QuarkusTest
class WriteTimeoutTest {

    @Inject
    Database db;

    @ConfigProperty(name = "reelgraph.request-timeout")
    Duration requestTimeout;

    @Test
    void aWriteHeldUpPastItsBudgetIsRolledBackAndSaysSo() throws Exception {
        long author = Api.createAuthor("before");
        int version = get("/authors/" + author).extract().path("version");
        // released between the budget (80%) and the request timeout, so the write's statement then completes
        long held = requestTimeout.toMillis() * 9 / 10;
        CompletableFuture<ValidatableResponse> late;
        long started = System.nanoTime();
        try (AutoCloseable lock = db.lockRow("author", author)) {
            late = CompletableFuture.supplyAsync(() -> put("/authors/" + author, "{\"name\":\"late\"}"));
            Thread.sleep(held);
        }
        assertProblem(late.join(), 503, "timeout").body("detail", containsString("nothing was written"));
        long answeredMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("A write held on a row lock for %d ms was rolled back and answered after %d ms%n",
                held, answeredMillis);
        get("/authors/" + author).statusCode(200).body("name", equalTo("before")).body("version", equalTo(version));
    }

    /** No statement waits on a row lock past the request timeout (the server's default is 50 s). */
    @Test
    void connectionsWaitOnLocksNoLongerThanTheRequestTimeout() {
        assertEquals(requestTimeout.toSeconds(),
                ((Number) db.row("SELECT @@SESSION.innodb_lock_wait_timeout AS seconds").get("seconds")).longValue());
    }
}

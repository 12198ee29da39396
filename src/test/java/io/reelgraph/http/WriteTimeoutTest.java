package io.reelgraph.http;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.put;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.reelgraph.support.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Writes commit only while the client still waits: one not ready to commit by 80% of the request timeout, counted
 * from the request's arrival, is rolled back and says so; a statement waits on a row lock no longer than that.
 */
@QuarkusTest
class WriteTimeoutTest {

    @Inject
    Database db;

    @ConfigProperty(name = "reelgraph.request-timeout")
    Duration requestTimeout;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /**
     * The body arrives slowly and the table is locked: the transaction starts late and is ready between the commit
     * deadline and the timeout. Counted from the transaction's start it would have been in time.
     */
    @Test
    void aWriteNotReadyByItsDeadlineIsRolledBackAndSaysSo() throws Exception {
        long author = Api.createAuthor("before");
        int version = get("/authors/" + author).extract().path("version");
        long bodyDelay = requestTimeout.toMillis() * 3 / 10;
        long held = requestTimeout.toMillis() * 9 / 10;
        CompletableFuture<String> late;
        long started = System.nanoTime();
        try (AutoCloseable lock = db.lockTable("author")) {
            late = slowPut("/authors/" + author, "{\"name\":\"late\"}", bodyDelay);
            Thread.sleep(held);
        }
        String response = late.join();
        long answeredMillis = (System.nanoTime() - started) / 1_000_000;
        String status = response.substring(0, response.indexOf("\r\n"));
        System.out.printf("A write whose body took %d ms, held on a table lock for %d ms: %s after %d ms%n",
                bodyDelay, held, status, answeredMillis);
        assertEquals("HTTP/1.1 503 Service Unavailable", status);
        JsonPath problem = JsonPath.from(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertEquals("urn:reelgraph:problem:timeout", problem.getString("type"));
        assertTrue(problem.getString("detail").contains("nothing was written"), problem.getString("detail"));
        get("/authors/" + author).statusCode(200).body("name", equalTo("before")).body("version", equalTo(version));
    }

    /** A write behind another's row lock gives up at the commit deadline with a 409, before the timeout. */
    @Test
    void aWriteWaitsOnARowLockNoLongerThanItsCommitBudget() throws Exception {
        long author = Api.createAuthor("locked");
        CompletableFuture<ValidatableResponse> blocked;
        long started = System.nanoTime();
        try (AutoCloseable lock = db.lockRow("author", author)) {
            blocked = CompletableFuture.supplyAsync(() -> put("/authors/" + author, "{\"name\":\"blocked\"}"));
            assertProblem(blocked.join(), 409, "conflict").body("detail", containsString("retry"));
        }
        long answeredMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(answeredMillis < requestTimeout.toMillis(), "answered after " + answeredMillis + " ms");
        get("/authors/" + author).statusCode(200).body("name", equalTo("locked"));
    }

    /** PUTs {@code body} in one chunk sent {@code delayMillis} after the headers; the raw response as text. */
    private CompletableFuture<String> slowPut(String path, String body, long delayMillis) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = new Socket("localhost", port)) {
                OutputStream out = socket.getOutputStream();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                out.write(("PUT " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Authorization: " + Tokens.editor() + "\r\nTransfer-Encoding: chunked\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(delayMillis);
                out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }
}

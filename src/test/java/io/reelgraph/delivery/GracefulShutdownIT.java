package io.reelgraph.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.reelgraph.devdb.EmbeddedMariaDbTestResource;
import io.reelgraph.support.Api;
import io.reelgraph.support.Http;
import io.reelgraph.support.Jdbc;
import io.reelgraph.support.PackagedApp;
import io.reelgraph.support.Tokens;

/**
 * SIGTERM to the packaged application, as Kubernetes sends it on a rollout: first the shutdown delay, in which the
 * service reports itself not ready (so that load balancers stop sending to it) but still serves; then the drain, in
 * which requests in flight, also those that arrived in the delay, complete and commit; then the process exits.
 */
class GracefulShutdownIT {

    @Test
    void notReadyButServingThenInFlightRequestsCompleteAndTheProcessExits() throws Exception {
        Map<String, String> database = new EmbeddedMariaDbTestResource().start();
        try (PackagedApp app = PackagedApp.start(database, List.of(), "graceful-shutdown.log")) {
            int port = app.port();
            Process application = app.process();
            String tag = "graceful-" + System.nanoTime() % 100_000;
            HttpResponse<String> created = Http.CLIENT.send(post(port, "{\"name\":\"" + tag + "\"}"),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            long author = Long.parseLong(created.body().replaceAll("^\\{\"id\":(\\d+),.*", "$1"));
            Jdbc db = new Jdbc(database);
            try (AutoCloseable lock = db.lockRow("author", author)) {
                List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    inFlight.add(Http.CLIENT.sendAsync(post(port, Api.largeAuthor(tag + "-" + i)),
                            HttpResponse.BodyHandlers.ofString()));
                }
                Thread.sleep(50);
                application.destroy(); // SIGTERM
                assertTrue(inFlight.stream().anyMatch(response -> !response.isDone()),
                        "the writes finished before the signal: the test would prove nothing");

                // the signal takes a moment to arrive; then the delay: not ready, yet still answering requests
                int readiness = 200;
                for (int attempt = 0; attempt < 30 && readiness == 200; attempt++) {
                    Thread.sleep(100);
                    readiness = status(port, "/q/health/ready");
                }
                assertEquals(503, readiness, "readiness after SIGTERM");
                assertEquals(200, status(port, "/authors"), "a request in the shutdown delay is served");
                // writes that arrive in the delay, and wait on a row lock until the drain has begun
                List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    waiting.add(Http.CLIENT.sendAsync(rename(port, author, tag + "-renamed-" + i),
                            HttpResponse.BodyHandlers.ofString()));
                }
                // after the delay (5 s) the drain begins, the renames still waiting: then the lock goes
                awaitLogLine(DRAIN_BEGINS);
                assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone), "the renames did not wait for the lock");
                lock.close();
                for (CompletableFuture<HttpResponse<String>> response : inFlight) {
                    assertEquals(201, response.get(30, TimeUnit.SECONDS).statusCode(), "in flight at SIGTERM");
                }
                for (CompletableFuture<HttpResponse<String>> response : waiting) {
                    assertEquals(200, response.get(30, TimeUnit.SECONDS).statusCode(), "in flight when the drain began");
                }
            }
            assertTrue(application.waitFor(30, TimeUnit.SECONDS), "the application did not exit");
            assertEquals(-1, status(port, "/authors"), "connections are refused once it has exited");
            assertEquals(6 * 200, db.number("SELECT COUNT(*) FROM video WHERE img LIKE ?", tag + "-%"),
                    "every graph answered 201 is committed whole");
            assertTrue(db.rows("SELECT name FROM author WHERE id = ?", author).get(0).get("name").toString()
                    .startsWith(tag + "-renamed-"), "the renames committed");
        }
    }

    /** Quarkus's line when, the shutdown delay over, it stops taking requests and waits for those in flight. */
    private static final String DRAIN_BEGINS = "Waiting for HTTP requests to complete";

    private static void awaitLogLine(String line) throws IOException, InterruptedException {
        Path log = Path.of("target", "graceful-shutdown.log");
        for (int attempt = 0; attempt < 150; attempt++) {
            if (Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no \"" + line + "\" in " + log + " within 15 s");
    }

    /** The status of a GET of {@code path}, or -1 once the server no longer takes connections. */
    private int status(int port, String path) throws InterruptedException {
        try {
            return Http.CLIENT.send(Http.request(port, path).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException refused) {
            return -1;
        }
    }

    private static HttpRequest rename(int port, long author, String name) {
        return Http.request(port, "/authors/" + author)
                .header("Content-Type", "application/json").header("Authorization", Tokens.editor())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build();
    }

    private static HttpRequest post(int port, String body) {
        return Http.request(port, "/authors")
                .header("Content-Type", "application/json").header("Authorization", Tokens.editor())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

}

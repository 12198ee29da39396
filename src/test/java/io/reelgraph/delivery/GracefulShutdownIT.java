package io.reelgraph.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * service reports itself not ready (so that load balancers stop sending to it) but still serves; then new requests are
 * refused, requests in flight complete and commit, and the process exits.
 */
class GracefulShutdownIT {

    @Test
    void notReadyButServingThenInFlightRequestsCompleteAndNewOnesAreRefused() throws Exception {
        Map<String, String> database = new EmbeddedMariaDbTestResource().start();
        try (PackagedApp app = PackagedApp.start(database, List.of(), "graceful-shutdown.log")) {
            int port = app.port();
            Process application = app.process();
            String tag = "graceful-" + System.nanoTime() % 100_000;
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
            // after the delay (5 s) new requests are turned away
            int refused = 200;
            for (int attempt = 0; attempt < 100 && refused == 200; attempt++) {
                Thread.sleep(100);
                refused = status(port, "/authors");
            }
            assertTrue(refused == 503 || refused == -1, "requests after the shutdown delay still got " + refused);
            for (CompletableFuture<HttpResponse<String>> response : inFlight) {
                assertEquals(201, response.get(30, TimeUnit.SECONDS).statusCode(), "in flight at SIGTERM");
            }
            assertTrue(application.waitFor(30, TimeUnit.SECONDS), "the application did not exit");
            assertEquals(6 * 200, new Jdbc(database).number("SELECT COUNT(*) FROM video WHERE img LIKE ?", tag + "-%"),
                    "every graph answered 201 is committed whole");
        }
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

    private static HttpRequest post(int port, String body) {
        return Http.request(port, "/authors")
                .header("Content-Type", "application/json").header("Authorization", Tokens.editor())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

}

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
 * SIGTERM to the packaged application, as Kubernetes sends it on a rollout: requests in flight complete and commit,
 * new ones are refused, and the process exits.
 */
class GracefulShutdownIT {

    @Test
    void inFlightRequestsCompleteAndNewOnesAreRefused() throws Exception {
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

            // the signal takes a moment to arrive; from then on new requests are turned away
            int refused = 200;
            for (int attempt = 0; attempt < 50 && refused == 200; attempt++) {
                Thread.sleep(100);
                refused = newRequestStatus(port);
            }
            assertTrue(refused == 503 || refused == -1, "requests after SIGTERM still got " + refused);
            for (CompletableFuture<HttpResponse<String>> response : inFlight) {
                assertEquals(201, response.get(30, TimeUnit.SECONDS).statusCode(), "in flight at SIGTERM");
            }
            assertTrue(application.waitFor(30, TimeUnit.SECONDS), "the application did not exit");
            assertEquals(6 * 200, new Jdbc(database).number("SELECT COUNT(*) FROM video WHERE img LIKE ?", tag + "-%"),
                    "every graph answered 201 is committed whole");
        }
    }

    /** 503 while draining, or -1 once the server no longer takes connections. */
    private int newRequestStatus(int port) throws InterruptedException {
        try {
            return Http.CLIENT.send(Http.request(port, "/authors").build(),
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

package io.reelgraph.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.reelgraph.devdb.EmbeddedMariaDbTestResource;
import io.reelgraph.support.Http;
import io.reelgraph.support.Jdbc;
import io.reelgraph.support.PackagedApp;
import io.reelgraph.support.Tokens;

/**
 * The packaged application (prod profile) generates no key pair of its own, as dev mode and the tests get from
 * smallrye-jwt: given none, it serves reads and refuses every write, even with a token that a configured key would
 * accept.
 */
class UnconfiguredKeyIT {

    @Test
    void withoutAConfiguredKeyWritesAreRefused() throws Exception {
        Map<String, String> config = new HashMap<>(new EmbeddedMariaDbTestResource().start());
        config.remove("mp.jwt.verify.publickey");
        String name = "unkeyed-" + System.nanoTime();
        try (PackagedApp app = PackagedApp.start(config, List.of(), "unconfigured-key.log")) {
            HttpResponse<String> write = Http
                    .send(Http.request(app.port(), "/authors").header("Content-Type", "application/json")
                            .header("Authorization", Tokens.editor())
                            .POST(BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build());
            HttpResponse<String> read = Http.send(Http.request(app.port(), "/authors").GET().build());

            assertEquals(401, write.statusCode(), write.body());
            assertEquals("application/problem+json", write.headers().firstValue("Content-Type").orElse(""));
            assertEquals(200, read.statusCode());
            assertEquals(0, new Jdbc(config).number("SELECT COUNT(*) FROM author WHERE name = ?", name));
        }
    }
}

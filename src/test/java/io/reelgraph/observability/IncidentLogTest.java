package io.reelgraph.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.devdb.EmbeddedDatabaseOutage;
import io.reelgraph.support.Api;
import io.reelgraph.support.Http;
import io.reelgraph.support.LogRecords;
import io.reelgraph.support.LogRecords.Line;
import io.reelgraph.support.Metrics;

/**
 * An outage under load is logged as one incident (test profile: 1 s quiet, a count every 2 s), not a line per failed
 * request: the line that opens it carries the trace id of the request that failed first, and the line that closes it
 * counts every request answered with a database-unavailable problem.
 */
@QuarkusTest
class IncidentLogTest {

    private static final String LOGGER = IncidentLog.class.getName();

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void anOutageIsLoggedWhenItBeginsAndWhenItEndsWithCountsInBetween() throws Exception {
        long author = Api.createAuthor(Api.unique("logged"));
        Set<String> traceIds = new HashSet<>();
        int unavailable = 0;
        List<Line> lines;
        try (LogRecords log = LogRecords.capture()) {
            EmbeddedDatabaseOutage.stop();
            long outage = System.nanoTime();
            try {
                // the operators' probe (every second in tests) reports it
                while (Metrics.sum("reelgraph_database_reachable") != 0) {
                    assertTrue(System.nanoTime() - outage < Duration.ofSeconds(5).toNanos(),
                            "reelgraph_database_reachable still 1 after 5 s of outage");
                    Thread.sleep(100);
                }
                while (System.nanoTime() - outage < Duration.ofSeconds(5).toNanos()) {
                    List<CompletableFuture<HttpResponse<String>>> wave = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        String traceId = HexFormat.of().formatHex(randomBytes(16));
                        traceIds.add(traceId);
                        wave.add(Http.CLIENT.sendAsync(Http.request(port, "/authors/" + author)
                                .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8))
                                        + "-01")
                                .build(), HttpResponse.BodyHandlers.ofString()));
                    }
                    for (CompletableFuture<HttpResponse<String>> answer : wave) {
                        HttpResponse<String> response = answer.join();
                        assertEquals(503, response.statusCode(), response.body());
                        assertTrue(response.body().contains("database-unavailable"), response.body());
                        unavailable++;
                    }
                }
            } finally {
                EmbeddedDatabaseOutage.start();
            }
            long returned = System.nanoTime();
            while (log.lines().stream().noneMatch(line -> line.logger().equals(LOGGER)
                    && line.text().startsWith("Database unavailable: incident ended"))) {
                if (System.nanoTime() - returned > Duration.ofSeconds(15).toNanos()) {
                    fail("no end of the incident logged 15 s after the database returned: " + log.lines());
                }
                Thread.sleep(100);
            }
            lines = log.lines();
        }

        List<Line> incident = lines.stream()
                .filter(line -> line.logger().equals(LOGGER) && line.text().startsWith("Database unavailable: ")).toList();
        assertEquals(1, incident.stream().filter(line -> line.text().contains("incident started")).count(),
                "one incident: " + incident);
        assertTrue(incident.size() >= 3, "began, continued, ended: " + incident);
        Line began = incident.get(0);
        assertEquals("WARN", began.level());
        assertTrue(began.text().startsWith("Database unavailable: incident started, a request failed:"), began.text());
        assertTrue(traceIds.contains(began.traceId()), "the trace id of the request that failed first: " + began);
        Line ended = incident.get(incident.size() - 1);
        assertEquals("INFO", ended.level());
        assertTrue(ended.text().startsWith("Database unavailable: incident ended, " + unavailable + " requests failed"),
                ended.text() + ", answered " + unavailable);
        List<Line> counts = incident.subList(1, incident.size() - 1);
        assertTrue(counts.size() <= 4, "a count every 2 s over a 5 s outage: " + counts);
        counts.forEach(line -> {
            assertEquals("WARN", line.level());
            assertTrue(line.text().startsWith("Database unavailable: incident continues, "), line.text());
            assertEquals(null, line.traceId(), "a count belongs to no request: " + line);
        });

        long back = System.nanoTime();
        while (Metrics.sum("reelgraph_database_reachable") != 1) {
            assertTrue(System.nanoTime() - back < Duration.ofSeconds(5).toNanos(),
                    "reelgraph_database_reachable still 0 5 s after the database returned");
            Thread.sleep(100);
        }

        // nothing else from the service's code or its libraries warned once per request
        List<Line> warnings = lines.stream().filter(line -> !line.logger().equals(LOGGER)
                && !line.logger().startsWith("ch.vorburger") && !line.level().equals("INFO")
                && !line.level().equals("DEBUG") && !line.level().equals("FINE")).toList();
        assertTrue(warnings.size() < 5, unavailable + " failed requests gave " + warnings.size() + " warnings: "
                + warnings);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zeros, which W3C trace context calls invalid
        return bytes;
    }
}

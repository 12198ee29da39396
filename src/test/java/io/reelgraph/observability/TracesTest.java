package io.reelgraph.observability;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.HttpAttributes;
import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.reelgraph.support.Spans;

/**
 * One request is one trace: a server span named by the route template, and under it one client span per SQL statement
 * (reads: as many as the database server itself counts), their number fixed whatever the data's size.
 */
@QuarkusTest
class TracesTest {

    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation");
    private static final AttributeKey<String> TABLE = AttributeKey.stringKey("db.sql.table");

    @Inject
    Spans spans;

    @Inject
    Database db;

    @BeforeEach
    void clear() {
        spans.clear();
    }

    @Test
    void anExpandedReadIsOneServerSpanOverItsFixedStatements() {
        List<Long> counts = new ArrayList<>();
        for (int links : new int[] { 1, 30 }) {
            long author = authorWithUploads(links);
            String path = "/authors/" + author + "?expand=videos,featuredVideo,credits.video";
            spans.clear();
            long statements = db.statementsDuring(() -> get(path).statusCode(200));

            List<SpanData> trace = spans.traceOf("GET /authors/{id}", 200);
            SpanData server = server(trace);
            assertEquals("/authors/{id}", server.getAttributes().get(HttpAttributes.HTTP_ROUTE));
            List<SpanData> sql = statementsUnder(server, trace);
            assertEquals(statements, sql.size(), "one span per statement the server ran, " + links + " links");
            assertTrue(sql.stream().allMatch(span -> "SELECT".equals(span.getAttributes().get(OPERATION))));
            counts.add(statements);
        }
        assertEquals(counts.get(0), counts.get(1), "as many statements for 30 links as for 1");
    }

    /** A batch of inserts is one statement to the client, one span; the server counts each row's execution. */
    @Test
    void anImportIsOneServerSpanOverOneInsertBatchPerTable() {
        List<Integer> counts = new ArrayList<>();
        for (int videos : new int[] { 1, 20 }) {
            String nodes = IntStream.range(0, videos)
                    .mapToObj(i -> ",{\"id\":\"v" + i + "\",\"type\":\"video\",\"code\":\"c" + i + "\"}")
                    .collect(Collectors.joining());
            String edges = IntStream.range(0, videos)
                    .mapToObj(i -> "{\"from\":\"a\",\"to\":\"v" + i + "\",\"kind\":\"credit\"}")
                    .collect(Collectors.joining(","));
            spans.clear();
            post("/graph", "{\"nodes\":[{\"id\":\"a\",\"type\":\"author\",\"name\":\"" + Api.unique("imp") + "\"}"
                    + nodes + "],\"edges\":[" + edges + "]}").statusCode(201);

            List<SpanData> trace = spans.traceOf("POST /graph", 201);
            List<SpanData> sql = statementsUnder(server(trace), trace);
            assertEquals(List.of("author", "video", "video_author"), sql.stream()
                    .filter(span -> "INSERT".equals(span.getAttributes().get(OPERATION)))
                    .map(span -> span.getAttributes().get(TABLE)).toList(), videos + " videos");
            counts.add(sql.size());
        }
        assertEquals(counts.get(0), counts.get(1), "as many statements for 20 videos as for 1");
    }

    @Test
    void aConflictIsAClientErrorWhoseTraceShowsTheReadThatFoundItAndNoWrite() {
        long video = Api.createVideo(Api.unique("feat"));
        post("/authors", "{\"name\":\"first\",\"featuredVideoId\":" + video + "}").statusCode(201);
        spans.clear();
        long statements = db.statementsDuring(() -> assertProblem(
                post("/authors", "{\"name\":\"second\",\"featuredVideoId\":" + video + "}"), 409, "conflict"));

        List<SpanData> trace = spans.traceOf("POST /authors", 409);
        SpanData server = server(trace);
        // 4xx is the client's error: the server span is not marked failed (OpenTelemetry's HTTP conventions)
        assertEquals(StatusCode.UNSET, server.getStatus().getStatusCode());
        List<SpanData> sql = statementsUnder(server, trace);
        assertEquals(statements, sql.size());
        assertTrue(sql.stream().allMatch(span -> "SELECT".equals(span.getAttributes().get(OPERATION))),
                "no write was sent: " + sql.stream().map(SpanData::getName).toList());
        assertTrue(!sql.isEmpty(), "the read that found the video featured");
    }

    private static SpanData server(List<SpanData> trace) {
        List<SpanData> servers = trace.stream().filter(span -> span.getKind() == SpanKind.SERVER).toList();
        assertEquals(1, servers.size(), "one server span per trace");
        assertEquals(false, servers.get(0).getParentSpanContext().isValid(), "the server span is the trace's root");
        return servers.get(0);
    }

    /** Every other span of the trace: a client span of a statement, directly under the server span. */
    private static List<SpanData> statementsUnder(SpanData server, List<SpanData> trace) {
        List<SpanData> others = trace.stream().filter(span -> span != server).toList();
        for (SpanData span : others) {
            assertEquals(SpanKind.CLIENT, span.getKind(), span.getName());
            assertEquals(server.getSpanId(), span.getParentSpanId(), span.getName());
            assertTrue(span.getAttributes().get(AttributeKey.stringKey("db.statement")) != null, span.getName());
        }
        return others;
    }

    private static long authorWithUploads(int count) {
        long author = Api.createAuthor(Api.unique("traced"));
        for (int i = 0; i < count; i++) {
            post("/authors/" + author + "/videos", "{\"code\":\"" + Api.unique("up") + "\"}").statusCode(201);
        }
        return author;
    }
}

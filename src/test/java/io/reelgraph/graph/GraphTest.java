package io.reelgraph.graph;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.post;
import static io.restassured.RestAssured.given;
import static java.net.http.HttpClient.Version.HTTP_1_1;
import static java.net.http.HttpClient.Version.HTTP_2;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.reelgraph.support.Metrics;
import io.reelgraph.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** {@code GET /graph} neighbourhoods and {@code POST /graph} imports, checked against the rows. */
@QuarkusTest
class GraphTest {

    @Inject
    Database db;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void neighbourhoodFollowsAllThreeRelationships() {
        JsonPath created = post("/graph", """
                {"nodes":[{"id":"a","type":"author","name":"hub"},{"id":"b","type":"author","name":"guest"},
                          {"id":"c","type":"author","name":"far"},
                          {"id":"v","type":"video","code":"main"},{"id":"w","type":"video","code":"side"}],
                 "edges":[{"from":"a","to":"v","kind":"upload"},{"from":"a","to":"v","kind":"featured"},
                          {"from":"b","to":"v","kind":"credit","extraData":"a b"},
                          {"from":"b","to":"w","kind":"upload"},{"from":"c","to":"w","kind":"credit"}]}""")
                .statusCode(201).extract().jsonPath();
        String a = created.getString("created.a");
        String b = created.getString("created.b");
        String v = created.getString("created.v");
        String w = created.getString("created.w");

        get("/graph?author=" + id(a) + "&depth=1").statusCode(200)
                .body("nodes.id", contains(a, v))
                .body("nodes[0]", equalTo(Map.of("id", a, "type", "author", "label", "hub")))
                .body("nodes[1].label", equalTo("main"))
                .body("edges.kind", containsInAnyOrder("upload", "featured"))
                .body("truncated", equalTo(false));
        get("/graph?author=" + id(a) + "&depth=2").statusCode(200)
                .body("nodes.id", contains(a, v, b))
                .body("edges", hasItem(Map.of("from", b, "to", v, "kind", "credit", "extraData", "a b")))
                .body("edges", hasSize(3));
        get("/graph?video=" + id(v) + "&depth=4").statusCode(200)
                .body("nodes.id", containsInAnyOrder(v, a, b, w, created.getString("created.c")))
                .body("edges", hasSize(5));
        get("/graph?author=" + id(a) + "&depth=4&limit=3").statusCode(200)
                .body("nodes", hasSize(3))
                .body("truncated", equalTo(true));
        get("/graph?author=" + id(a) + "&depth=0").statusCode(200)
                .body("nodes.id", contains(a)).body("edges", hasSize(0));

        assertProblem(get("/graph?author=999999999"), 404, "not-found");
        assertProblem(get("/graph?depth=2"), 400, "validation");
        assertProblem(get("/graph?author=1&video=1"), 400, "validation");
        assertProblem(get("/graph?author=1&depth=5"), 400, "validation");
        assertProblem(get("/graph?author=1&limit=0"), 400, "validation");
    }

    @Test
    void neighbourhoodStatementsAreBoundedPerLevel() {
        long author = Api.createAuthor("wide");
        db.update("INSERT INTO video (code, author_id) SELECT CONCAT('n', seq), ? FROM seq_1_to_300", author);
        long before = db.statementsExecuted();
        get("/graph?author=" + author + "&depth=2").statusCode(200).body("nodes", hasSize(301));
        // the author (1), its videos (2), then the authors of the last level (none new)
        assertEquals(1 + 2, db.statementsExecuted() - before);
    }

    @Test
    void theSeedScriptsAsDocuments() throws IOException {
        // each example creates the same rows as the note's script replayed through POST /authors and /videos
        assertEquals(rowsOf(post("/authors", """
                {"name":"test_author","featuredVideo":{"code":"new_video","img":"123","score":9}}""")
                .statusCode(201).extract().jsonPath().getLong("id"), List.of()),
                rowsOf(importExample("featured-video.json")));
        assertEquals(rowsOf(post("/authors", """
                {"name":"test_author","videos":[{"code":"video a","img":"123","score":9},
                                                {"code":"video b","img":"456","score":8}]}""")
                .statusCode(201).extract().jsonPath().getLong("id"), List.of()),
                rowsOf(importExample("uploads.json")));
        JsonPath videoA = post("/videos", """
                {"code":"video a","img":"123","score":9,"credits":[
                  {"author":{"name":"author a"},"extraData":"a a"},{"author":{"name":"author b"},"extraData":"a b"}]}""")
                .statusCode(201).extract().jsonPath();
        long authorA = videoA.getLong("credits[0].authorId");
        long authorB = videoA.getLong("credits[1].authorId");
        post("/videos", """
                {"code":"video b","img":"456","score":8,"credits":[{"authorId":%d,"extraData":"b a"},
                                                                    {"authorId":%d,"extraData":"b b"}]}"""
                .formatted(authorA, authorB)).statusCode(201);
        JsonPath imported = importExample("credits.json");
        Map<String, String> created = imported.getMap("created");
        assertEquals(rowsOf(authorA, List.of(authorB)),
                rowsOf(id(created.get("author a")), List.of(id(created.get("author b")))));
    }

    @Test
    void importLinksNewRowsToExistingOnes() {
        long author = Api.createAuthor("existing");
        long video = Api.createVideo("old");
        JsonPath created = post("/graph", """
                {"nodes":[{"id":"author:%d"},{"id":"new","type":"video","code":"fresh","img":"i","score":7.5}],
                 "edges":[{"from":"author:%d","to":"new","kind":"upload"},{"from":"author:%d","to":"new","kind":"featured"},
                          {"from":"author:%d","to":"video:%d","kind":"credit","extraData":"old one"}]}"""
                .formatted(author, author, author, author, video))
                .statusCode(201)
                .body("nodes", equalTo(1)).body("edges", equalTo(3))
                .extract().jsonPath();
        long fresh = id(created.getString("created.new"));

        assertEquals(Map.of("name", "existing", "featured_video_id", fresh, "version", 1L),
                db.row("SELECT name, featured_video_id, version FROM author WHERE id = ?", author));
        assertEquals(Map.of("code", "fresh", "img", "i", "score", 7.5f, "author_id", author),
                db.row("SELECT code, img, score, author_id FROM video WHERE id = ?", fresh));
        assertEquals("old one", db.row("SELECT extra_data FROM video_author WHERE author_id = ? AND video_id = ?",
                author, video).get("extra_data"));
        get("/authors/" + author).body("featuredVideo.code", equalTo("fresh")).body("videos.code", contains("fresh"));
    }

    @Test
    void everyErrorIsListedAndNothingIsWritten() {
        long featuring = post("/authors", "{\"name\":\"taken\",\"featuredVideo\":{\"code\":\"mine\"}}")
                .statusCode(201).extract().jsonPath().getLong("id");
        db.assertUnchangedBy(() -> {
            assertProblem(post("/graph", """
                    {"nodes":[{"id":"a","type":"author","name":""},
                              {"id":"a","type":"video","code":"dup"},
                              {"id":"v","type":"video","code":"much too long","score":1},
                              {"id":"w","type":"video","code":"ok","name":"no"},
                              {"id":"x","type":"song"},
                              {"id":"author:1","name":"renamed"}],
                     "edges":[{"from":"a","to":"nowhere","kind":"upload"},
                              {"from":"v","to":"w","kind":"credit"},
                              {"from":"a","to":"w","kind":"like"},
                              {"from":"author:%d","to":"w","kind":"featured"},
                              {"from":"a","to":"w","kind":"upload","extraData":"x"},
                              {"from":"a","to":"w","kind":"credit"},{"from":"a","to":"w","kind":"credit"},
                              {"from":"author:999999999","to":"video:999999998","kind":"credit"}]}"""
                    .formatted(featuring)), 400, "validation")
                    .body("violations.field", contains("/nodes/0/name", "/nodes/1/id", "/nodes/2/code",
                            "/nodes/3/name", "/nodes/4/type", "/nodes/5", "/edges/0/to", "/edges/1/from",
                            "/edges/2/kind", "/edges/4/extraData", "/edges/6"))
                    .body("detail", equalTo("The graph has 11 errors; nothing was imported"));
            // the document is valid on its own: the database finds the rest, still all at once
            assertProblem(post("/graph", """
                    {"nodes":[{"id":"w","type":"video","code":"ok"}],
                     "edges":[{"from":"author:%d","to":"w","kind":"featured"},
                              {"from":"author:999999999","to":"video:999999998","kind":"credit"}]}"""
                    .formatted(featuring)), 400, "validation")
                    .body("violations.field", containsInAnyOrder("/edges/0", "/edges/1/from", "/edges/1/to"))
                    .body("violations.message", hasItem("author:" + featuring + " already features video:"
                            + get("/authors/" + featuring).extract().jsonPath().getLong("featuredVideo.id")));
            assertProblem(post("/graph", "{}"), 400, "validation");
            assertProblem(post("/graph", "{\"nodes\":[1]}"), 400, "malformed-request");
            assertProblem(given().contentType(ContentType.JSON).body("{\"nodes\":[]}").post("/graph").then(), 401,
                    "unauthenticated");
        });
    }

    @Test
    void importsMayBeLargerThanOtherBodies() {
        String padding = " ".repeat(2 * 1024 * 1024);
        post("/graph", "{\"nodes\":[{\"id\":\"big\",\"type\":\"author\",\"name\":\"padded\"}]," + padding + "\"edges\":[]}")
                .statusCode(201);
        assertProblem(post("/authors", "{\"name\":\"padded\"," + padding + "}"), 413, "http");
        assertProblem(post("/graph", "{" + " ".repeat(11 * 1024 * 1024) + "}"), 413, "http");
    }

    /** A body sent in chunks (no Content-Length) meets the same limits, and the same 413 problem, as a declared one. */
    @Test
    void chunkedBodiesHaveTheSameLimits() {
        String padding = " ".repeat(2 * 1024 * 1024);
        String paddedAuthor = "{\"name\":\"chunked\"" + padding + "}";
        assertEquals(201, chunked(HTTP_1_1, "/authors", "{\"name\":\"chunked\"}").orElseThrow().statusCode());
        assertEquals(201, chunked(HTTP_1_1, "/graph", "{\"nodes\":[{\"id\":\"a\",\"type\":\"author\",\"name\":\"chunked\"}]"
                + padding + "}").orElseThrow().statusCode());
        db.assertUnchangedBy(() -> {
            assertTooLarge(chunked(HTTP_1_1, "/authors", paddedAuthor).orElseThrow(), 1024 * 1024);
            assertTooLarge(chunked(HTTP_1_1, "/graph", "{" + " ".repeat(11 * 1024 * 1024) + "}").orElseThrow(),
                    10 * 1024 * 1024);
            // over HTTP/2 Quarkus's reader cuts it off with a bare 413, which the client may not see before the
            // connection closes: the server's own count of 413 answers says it was given
            double answered = answers413();
            chunked(HTTP_2, "/authors", paddedAuthor).ifPresent(response -> {
                assertEquals(HTTP_2, response.version(), "the request went over HTTP/2");
                assertEquals(413, response.statusCode());
            });
            assertEquals(answered + 1, answers413(), "the server answered 413");
        });
    }

    /** The 413 answers the server has counted (its HTTP metrics), whatever their route. */
    private static double answers413() {
        return Metrics.sum("http_server_requests_seconds_count", "status=\"413\"");
    }

    private static void assertTooLarge(HttpResponse<String> response, long limit) {
        assertEquals(413, response.statusCode());
        assertEquals(Optional.of("application/problem+json"), response.headers().firstValue("Content-Type"));
        JsonPath problem = JsonPath.from(response.body());
        assertEquals("urn:reelgraph:problem:http", problem.getString("type"));
        assertEquals("The request body is larger than " + limit + " bytes", problem.getString("detail"));
    }

    /** POSTs {@code body} as a stream of unknown length (chunked over HTTP/1.1); empty if the server hung up. */
    private Optional<HttpResponse<String>> chunked(HttpClient.Version version, String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", Tokens.editor())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
        try {
            return Optional.of(HttpClient.newBuilder().version(version).build()
                    .send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException closed) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonPath importExample(String name) throws IOException {
        return post("/graph", Files.readString(Path.of("docs/examples", name))).statusCode(201).extract().jsonPath();
    }

    /** The rows around an author, without ids: its own, its featured video, its uploads, and credits. */
    private List<Object> rowsOf(long author, List<Long> coauthors) {
        List<Object> rows = new ArrayList<>();
        for (long id : concat(author, coauthors)) {
            rows.add(db.rows("SELECT a.name, f.code, f.img, f.score FROM author a LEFT JOIN video f"
                    + " ON f.id = a.featured_video_id WHERE a.id = ?", id));
            rows.add(db.rows("SELECT code, img, score FROM video WHERE author_id = ? ORDER BY id", id));
            rows.add(db.rows("SELECT v.code, v.img, v.score, c.extra_data FROM video_author c JOIN video v"
                    + " ON v.id = c.video_id WHERE c.author_id = ? ORDER BY v.id", id));
        }
        return rows;
    }

    private List<Object> rowsOf(JsonPath imported) {
        return rowsOf(id(imported.getString("created.author")), List.of());
    }

    private static List<Long> concat(long first, List<Long> rest) {
        List<Long> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** The row id of a graph node id such as {@code author:12}. */
    private static long id(String nodeId) {
        return Long.parseLong(nodeId.substring(nodeId.indexOf(':') + 1));
    }
}

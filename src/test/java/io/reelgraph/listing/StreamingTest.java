package io.reelgraph.listing;

import static io.reelgraph.support.Api.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.restassured.path.json.JsonPath;

/** {@code Accept: application/x-ndjson} streams every matching row, and reads no faster than the client does. */
@QuarkusTest
class StreamingTest {

    private static final String NDJSON = "application/x-ndjson";

    @Inject
    Database db;

    @TestHTTPResource("/")
    URL server;

    @Test
    void streamsEveryMatchingRowInItsOrder() {
        long author = Api.createAuthor("streamer");
        int rows = Listing.STREAM_CHUNK * 2 + 7; // three chunks, the last one short
        db.update("INSERT INTO video (code, score, author_id) SELECT CONCAT('s', seq), seq % 10, ? FROM seq_1_to_"
                + rows, author);

        String body = given().accept(NDJSON).get("/videos?authorId=" + author + "&minScore=5&expand=credits.author")
                .then().statusCode(200).contentType(startsWith(NDJSON)).extract().asString();
        List<String> lines = body.lines().toList();
        assertEquals(db.count("SELECT COUNT(*) FROM video WHERE author_id = ? AND score >= 5", author), lines.size());
        // a minimum score is served by the score index: score order, ties by id
        float previousScore = 0;
        long previous = 0;
        for (String line : lines) {
            JsonPath video = JsonPath.from(line);
            float score = video.getFloat("score");
            assertTrue(score > previousScore || score == previousScore && video.getLong("id") > previous,
                    "in score order");
            assertTrue(score >= 5);
            assertEquals("streamer", video.getString("author.name"));
            previousScore = score;
            previous = video.getLong("id");
        }
        // another order is allowed while the range matches at most Listing.WINDOW rows
        List<Long> byId = given().accept(NDJSON).get("/videos?authorId=" + author + "&minScore=5&sort=-id").then()
                .statusCode(200).extract().asString().lines().map(line -> JsonPath.from(line).getLong("id")).toList();
        assertEquals(db.rows("SELECT id FROM video WHERE author_id = ? AND score >= 5 ORDER BY id DESC", author)
                .stream().map(row -> row.get("id")).toList(), byId);

        Api.createAuthor("not a streamer"); // the filter is a prefix: this one is no match
        String authors = given().accept(NDJSON).get("/authors?name=streamer").then().statusCode(200)
                .extract().asString();
        assertEquals(db.rows("SELECT name FROM author WHERE name LIKE 'streamer%' ORDER BY name, id").stream()
                .map(row -> row.get("name")).toList(),
                authors.lines().map(line -> JsonPath.from(line).getString("name")).toList(), "every match, in name order");
        // expand applies to every line
        long small = Api.createAuthor("small streamer");
        db.update("INSERT INTO video (code, author_id) SELECT CONCAT('x', seq), ? FROM seq_1_to_3", small);
        List<String> expanded = given().accept(NDJSON).get("/videos?authorId=" + small + "&expand=author").then()
                .statusCode(200).extract().asString().lines().toList();
        assertEquals(3, expanded.size());
        expanded.forEach(line -> assertEquals(List.of("x1", "x2", "x3"), JsonPath.from(line).getList("author.videos.code")));

        // without the header, the same URL is the paged JSON list
        given().get("/videos?authorId=" + author).then().statusCode(200).contentType(startsWith("application/json"))
                .body("total", equalTo(rows));
        assertProblem(given().accept(NDJSON).get("/videos?size=5").then(), 400, "validation");
        assertProblem(given().accept(NDJSON).get("/authors?cursor=abc").then(), 400, "validation");
        assertProblem(given().accept(NDJSON).get("/authors?expand=nope").then(), 400, "validation");
    }

    /**
     * Unexpanded, a chunk costs two statements: one keyset read of its videos with their uploader and featuring author,
     * one of their credits. Each line is the video's own view.
     */
    @Test
    void readsEachChunkInTwoStatements() {
        long author = Api.createAuthor("chunked");
        long credited = Api.createAuthor("credited");
        int rows = Listing.STREAM_CHUNK * 2 + 7; // three chunks, the last one short
        db.update("INSERT INTO video (code, author_id) SELECT CONCAT('c', seq), ? FROM seq_1_to_" + rows, author);
        db.update("INSERT INTO video_author (author_id, video_id, extra_data) SELECT ?, id, 'role' FROM video"
                + " WHERE author_id = ? AND id % 2 = 0", credited, author);
        db.update("UPDATE author SET featured_video_id = (SELECT MIN(id) FROM video WHERE author_id = ?) WHERE id = ?",
                author, credited);

        long before = db.statementsExecuted();
        List<String> lines = given().accept(NDJSON).get("/videos?authorId=" + author).then().statusCode(200)
                .extract().asString().lines().toList();
        assertEquals(3 * 2, db.statementsExecuted() - before, "two statements for each of the three chunks");

        assertEquals(rows, lines.size());
        assertEquals("credited", JsonPath.from(lines.get(0)).getString("featuredBy.name"));
        for (String line : List.of(lines.get(0), lines.get(1), lines.get(2), lines.get(rows - 1))) {
            JsonPath streamed = JsonPath.from(line);
            String view = Api.get("/videos/" + streamed.getLong("id")).statusCode(200).extract().asString();
            assertEquals(JsonPath.from(view).getMap(""), streamed.getMap(""), "the line is the video's view");
        }
    }

    /**
     * Unfiltered and in id order, a chunk's videos are every video between its first and last id, so their credits are
     * read as that range of the index (not one lookup per id): every video, the first and last of each chunk included,
     * still has exactly its own credits, with ids missing in between and a video with more credits than a view shows.
     */
    @Test
    void anUnfilteredStreamHasEachVideosOwnCredits() {
        long author = Api.createAuthor("ranged");
        long other = Api.createAuthor("ranged too");
        int rows = Listing.STREAM_CHUNK * 2 + 7; // its videos span at least two chunks' ends
        db.update("INSERT INTO video (code, author_id) SELECT CONCAT('g', seq), ? FROM seq_1_to_" + rows, author);
        db.update("INSERT INTO video_author (author_id, video_id, extra_data) SELECT ?, id, CONCAT('e', id) FROM video"
                + " WHERE author_id = ?", other, author);
        long crowded = db.count("SELECT MAX(id) FROM video WHERE author_id = ?", author);
        db.update("INSERT INTO author (name) SELECT CONCAT('ranged fan', seq) FROM seq_1_to_30");
        db.update("INSERT INTO video_author (author_id, video_id) SELECT id, ? FROM author WHERE name LIKE 'ranged fan%'",
                crowded);
        db.update("DELETE FROM video WHERE author_id = ? AND id % 7 = 0 AND id <> ?", author, crowded); // gaps

        Map<Long, Long> credits = new HashMap<>();
        db.rows("SELECT c.video_id, COUNT(*) n FROM video_author c JOIN video v ON v.id = c.video_id"
                + " WHERE v.author_id = ? GROUP BY c.video_id", author)
                .forEach(row -> credits.put(((Number) row.get("video_id")).longValue(), ((Number) row.get("n")).longValue()));
        String ofAuthor = "\"author\":{\"id\":" + author + ",";
        for (String sort : List.of("id", "-id")) {
            List<JsonPath> ours = given().accept(NDJSON).get("/videos?sort=" + sort).then().statusCode(200).extract()
                    .asString().lines().filter(line -> line.contains(ofAuthor)).map(JsonPath::from).toList();
            assertEquals(credits.keySet(), ours.stream().map(video -> video.getLong("id")).collect(Collectors.toSet()));
            for (JsonPath video : ours) {
                long id = video.getLong("id");
                long total = credits.get(id);
                assertEquals(Math.min(total, Listing.DEFAULT_SIZE), video.getList("credits").size(), "credits of " + id);
                assertEquals(other, video.getLong("credits[0].authorId"), "the first credit of " + id);
                assertEquals(id == crowded ? Integer.valueOf((int) total) : null, video.get("more.credits.total"));
            }
        }
    }

    /**
     * A client that stops reading stops the reads: once the socket buffers are full, no further chunk is selected
     * until it reads again; then every row arrives. A server that buffered the table would have read it all.
     */
    @Test
    void aSlowClientHoldsBackTheReads() throws Exception {
        long author = Api.createAuthor("slow reader");
        int rows = 60_000; // about 8 MB of JSON: more than the socket buffers hold
        db.update("INSERT INTO video (code, author_id) SELECT CONCAT('r', seq), ? FROM seq_1_to_" + rows, author);
        int chunks = rows / Listing.STREAM_CHUNK;

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(server.getHost(), server.getPort()));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /videos?authorId=" + author + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + NDJSON
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertTrue(in.readLine().startsWith("HTTP/1.1 200"));

            // the server writes until the socket buffers are full, then waits
            long stalled = db.statementsExecuted();
            for (long previous = -1; stalled != previous; stalled = db.statementsExecuted()) {
                previous = stalled;
                Thread.sleep(1_000);
            }
            Thread.sleep(2_000);
            long stillStalled = db.statementsExecuted();
            // each chunk is 2 statements (its videos, then their credits)
            assertEquals(stalled, stillStalled, "no chunk is read while the client does not read");

            long start = System.nanoTime();
            long lines = in.lines().filter(line -> line.startsWith("{")).count();
            System.out.printf("[streaming] read on at %.0f rows/s%n", lines / ((System.nanoTime() - start) / 1e9));
            long readAfterwards = db.statementsExecuted() - stillStalled;
            assertEquals(rows, lines);
            // two statements a chunk: at least half the chunks' statements
            assertTrue(readAfterwards >= chunks,
                    "most chunks were read only once the client read on: " + readAfterwards + " statements");
            System.out.printf("[streaming] %d rows in %d chunks; %d statements ran only after the stalled client"
                    + " read on%n", rows, chunks, readAfterwards);
        }
    }
}

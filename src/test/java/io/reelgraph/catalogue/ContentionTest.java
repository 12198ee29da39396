package io.reelgraph.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.ConcurrentPuts;
import io.reelgraph.support.Database;

/** Many clients writing the same links at once: the constraints hold, the losers hear why, nobody gets a 5xx. */
@QuarkusTest
class ContentionTest {

    @Inject
    Database db;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void twoHundredClientsCreditTheSamePair() {
        long author = Api.createAuthor("contended");
        long video = Api.createVideo("contended");

        Map<Integer, Long> statuses = ConcurrentPuts.send(port, 200, i -> "/videos/" + video + "/credits/" + author,
                i -> "{\"extraData\":\"client " + i + "\"}", null);

        assertEquals(1, statuses.get(201), "exactly one creates: " + statuses);
        assertEquals(199, statuses.get(200), "the others update: " + statuses);
        // one row, holding what one of the clients sent
        List<Map<String, Object>> rows = db.rows("SELECT extra_data FROM video_author WHERE author_id = ? AND video_id = ?",
                author, video);
        assertEquals(1, rows.size(), rows.toString());
        assertTrue(((String) rows.get(0).get("extra_data")).matches("client \\d+"), rows.toString());
    }

    @Test
    void fiftyAuthorsTryToFeatureOneVideo() {
        long video = Api.createVideo("wanted");
        List<Long> authors = IntStream.range(0, 50).mapToObj(i -> Api.createAuthor("fan " + i)).toList();

        Map<Integer, Long> statuses = ConcurrentPuts.send(port, 50, i -> "/authors/" + authors.get(i) + "/featured-video",
                i -> "{\"videoId\":" + video + "}", null);

        assertEquals(1, statuses.get(200), "exactly one wins: " + statuses);
        assertEquals(49, statuses.get(409), "the others are told it is taken: " + statuses);
        // the winner is one of the fans, and holds the video
        List<Map<String, Object>> featuring = db.rows("SELECT id FROM author WHERE featured_video_id = ?", video);
        assertEquals(1, featuring.size(), featuring.toString());
        assertTrue(authors.contains((Long) featuring.get(0).get("id")), featuring.toString());
    }

    @Test
    void oneAuthorFeaturesFiftyVideosAtOnce() {
        long author = Api.createAuthor("indecisive");
        List<Long> videos = IntStream.range(0, 50).mapToObj(i -> Api.createVideo("pick " + i)).toList();
        long versionBefore = (Long) db.row("SELECT version FROM author WHERE id = ?", author).get("version");

        Map<Integer, Long> statuses = ConcurrentPuts.send(port, 50, i -> "/authors/" + author + "/featured-video",
                i -> "{\"videoId\":" + videos.get(i) + "}", null);

        // replacing one's own link is allowed: the writes serialise on the author's row, the last one stays
        assertTrue(statuses.keySet().stream().allMatch(status -> status == 200 || status == 409),
                "only successes and conflicts: " + statuses);
        assertTrue(statuses.getOrDefault(200, 0L) >= 1, "at least one wins: " + statuses);
        Map<String, Object> row = db.row("SELECT featured_video_id, version FROM author WHERE id = ?", author);
        assertTrue(videos.contains((Long) row.get("featured_video_id")), row.toString());
        // every success was a write of its own, none lost: each bumped the row's version once
        assertEquals(versionBefore + statuses.getOrDefault(200, 0L), row.get("version"), statuses + " " + row);
    }
}

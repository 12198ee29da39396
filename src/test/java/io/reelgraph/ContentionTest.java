package io.reelgraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.reelgraph.support.Tokens;

/** Many clients writing the same links at once: the constraints hold, the losers hear why, nobody gets a 5xx. */
@QuarkusTest
class ContentionTest {

    @Inject
    Database db;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoHundredClientsCreditTheSamePair() {
        long author = Api.createAuthor("contended");
        long video = Api.createVideo("contended");

        Map<Integer, Long> statuses = concurrently(200, i -> HttpRequest.newBuilder(
                uri("/videos/" + video + "/credits/" + author))
                .header("Content-Type", "application/json").header("Authorization", Tokens.editor())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"extraData\":\"client " + i + "\"}")).build());

        assertEquals(1, statuses.get(201), "exactly one creates: " + statuses);
        assertEquals(199, statuses.get(200), "the others update: " + statuses);
        assertEquals(1, db.count("SELECT COUNT(*) FROM video_author WHERE author_id = ? AND video_id = ?",
                author, video));
    }

    @Test
    void fiftyAuthorsTryToFeatureOneVideo() {
        long video = Api.createVideo("wanted");
        List<Long> authors = IntStream.range(0, 50).mapToObj(i -> Api.createAuthor("fan " + i)).toList();

        Map<Integer, Long> statuses = concurrently(50, i -> HttpRequest.newBuilder(
                uri("/authors/" + authors.get(i) + "/featured-video"))
                .header("Content-Type", "application/json").header("Authorization", Tokens.editor())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"videoId\":" + video + "}")).build());

        assertEquals(1, statuses.get(200), "exactly one wins: " + statuses);
        assertEquals(49, statuses.get(409), "the others are told it is taken: " + statuses);
        assertEquals(1, db.count("SELECT COUNT(*) FROM author WHERE featured_video_id = ?", video));
    }

    @Test
    void oneAuthorFeaturesFiftyVideosAtOnce() {
        long author = Api.createAuthor("indecisive");
        List<Long> videos = IntStream.range(0, 50).mapToObj(i -> Api.createVideo("pick " + i)).toList();

        Map<Integer, Long> statuses = concurrently(50, i -> HttpRequest.newBuilder(
                uri("/authors/" + author + "/featured-video"))
                .header("Content-Type", "application/json").header("Authorization", Tokens.editor())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"videoId\":" + videos.get(i) + "}")).build());

        // replacing one's own link is allowed: the writes serialise on the author's row, the last one stays
        assertTrue(statuses.keySet().stream().allMatch(status -> status == 200 || status == 409),
                "only successes and conflicts: " + statuses);
        assertTrue(statuses.getOrDefault(200, 0L) >= 1, "at least one wins: " + statuses);
        Long featured = (Long) db.row("SELECT featured_video_id FROM author WHERE id = ?", author)
                .get("featured_video_id");
        assertTrue(videos.contains(featured));
        assertEquals(1, db.count("SELECT COUNT(*) FROM author WHERE featured_video_id = ?", featured));
    }

    /** Sends all requests at once and counts the responses by status. */
    private Map<Integer, Long> concurrently(int count, IntFunction<HttpRequest> request) {
        List<CompletableFuture<Integer>> responses = IntStream.range(0, count)
                .mapToObj(i -> http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.discarding())
                        .thenApply(HttpResponse::statusCode))
                .toList();
        return responses.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}

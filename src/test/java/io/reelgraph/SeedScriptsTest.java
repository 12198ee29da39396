package io.reelgraph;

import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.post;
import static io.reelgraph.support.Api.put;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.restassured.path.json.JsonPath;

/**
 * The note's three scripts, replayed over HTTP: each builds its graph, reads it back from both ends, and checks
 * the rows in author, video and video_author.
 */
@QuarkusTest
class SeedScriptsTest {

    @Inject
    Database db;

    @Test
    void oneToOneLinkedFromTheAuthorSide() {
        JsonPath author = post("/authors", """
                {"name":"test_author","featuredVideo":{"code":"new_video","img":"123","score":9}}""")
                .statusCode(201).extract().jsonPath();
        long authorId = author.getLong("id");
        long videoId = author.getLong("featuredVideo.id");

        assertFeatured(authorId, videoId);
    }

    @Test
    void oneToOneLinkedFromTheVideoSide() {
        JsonPath video = post("/videos", """
                {"code":"new_video","img":"123","score":9,"featuredBy":{"name":"test_author"}}""")
                .statusCode(201).extract().jsonPath();

        assertFeatured(video.getLong("featuredBy.id"), video.getLong("id"));
    }

    private void assertFeatured(long authorId, long videoId) {
        get("/authors/" + authorId).statusCode(200)
                .body("name", equalTo("test_author"))
                .body("featuredVideo.id", equalTo((int) videoId))
                .body("featuredVideo.code", equalTo("new_video"));
        get("/videos/" + videoId).statusCode(200)
                .body("featuredBy.id", equalTo((int) authorId))
                .body("featuredBy.name", equalTo("test_author"));

        assertEquals(Map.of("name", "test_author", "featured_video_id", videoId),
                db.row("SELECT name, featured_video_id FROM author WHERE id = ?", authorId));
        assertEquals(Map.of("code", "new_video", "img", "123", "score", 9.0f),
                db.row("SELECT code, img, score FROM video WHERE id = ?", videoId));
    }

    @Test
    void oneToManyAppendTwoVideosToAnAuthor() {
        JsonPath author = post("/authors", """
                {"name":"test_author","videos":[
                  {"code":"video a","img":"123","score":9},
                  {"code":"video b","img":"456","score":8}]}""")
                .statusCode(201).extract().jsonPath();

        assertUploads(author.getLong("id"), author.getList("videos.id", Long.class));
    }

    @Test
    void oneToManySetEachVideosAuthor() {
        long authorId = Api.createAuthor("test_author");
        long videoA = post("/videos", """
                {"code":"video a","img":"123","score":9,"authorId":%d}""".formatted(authorId))
                .statusCode(201).extract().jsonPath().getLong("id");
        long videoB = post("/videos", """
                {"code":"video b","img":"456","score":8}""").statusCode(201).extract().jsonPath().getLong("id");
        put("/videos/" + videoB + "/author", "{\"authorId\":" + authorId + "}").statusCode(200)
                .body("author.id", equalTo((int) authorId));

        assertUploads(authorId, List.of(videoA, videoB));
    }

    private void assertUploads(long authorId, List<Long> videoIds) {
        assertEquals(2, videoIds.size());
        get("/authors/" + authorId + "/videos").statusCode(200)
                .body("items.code", contains("video a", "video b"))
                .body("items.img", contains("123", "456"))
                .body("total", equalTo(2));
        get("/authors/" + authorId).statusCode(200)
                .body("videos.id", contains(videoIds.get(0).intValue(), videoIds.get(1).intValue()));
        for (long videoId : videoIds) {
            get("/videos/" + videoId).statusCode(200)
                    .body("author.id", equalTo((int) authorId))
                    .body("author.name", equalTo("test_author"));
        }
        assertEquals(List.of(Map.of("code", "video a", "author_id", authorId),
                Map.of("code", "video b", "author_id", authorId)),
                db.rows("SELECT code, author_id FROM video WHERE id IN (?, ?) ORDER BY id",
                        videoIds.get(0), videoIds.get(1)));
    }

    @Test
    void manyToManyTwoVideosTwoAuthorsFourCredits() {
        // video a brings both authors as new objects; video b credits the same two by id
        JsonPath videoA = post("/videos", """
                {"code":"video a","img":"123","score":9,"credits":[
                  {"author":{"name":"author a"},"extraData":"a a"},
                  {"author":{"name":"author b"},"extraData":"a b"}]}""")
                .statusCode(201).extract().jsonPath();
        long a = videoA.getLong("id");
        long authorA = videoA.getLong("credits.find { it.name == 'author a' }.authorId");
        long authorB = videoA.getLong("credits.find { it.name == 'author b' }.authorId");
        long b = post("/videos", """
                {"code":"video b","img":"456","score":8,"credits":[
                  {"authorId":%d,"extraData":"b a"},
                  {"authorId":%d,"extraData":"b b"}]}""".formatted(authorA, authorB))
                .statusCode(201).extract().jsonPath().getLong("id");

        assertFourCredits(a, b, authorA, authorB);
    }

    @Test
    void manyToManyFromTheAuthorSide() {
        JsonPath authorA = post("/authors", """
                {"name":"author a","credits":[
                  {"video":{"code":"video a","img":"123","score":9},"extraData":"a a"},
                  {"video":{"code":"video b","img":"456","score":8},"extraData":"b a"}]}""")
                .statusCode(201).extract().jsonPath();
        long a = authorA.getLong("credits.find { it.code == 'video a' }.videoId");
        long b = authorA.getLong("credits.find { it.code == 'video b' }.videoId");
        long authorB = post("/authors", """
                {"name":"author b","credits":[{"videoId":%d,"extraData":"a b"},{"videoId":%d,"extraData":"b b"}]}"""
                .formatted(a, b)).statusCode(201).extract().jsonPath().getLong("id");

        assertFourCredits(a, b, authorA.getLong("id"), authorB);
    }

    private void assertFourCredits(long videoA, long videoB, long authorA, long authorB) {
        get("/videos/" + videoA + "/credits").statusCode(200)
                .body("items", hasSize(2))
                .body("items.authorId", contains((int) authorA, (int) authorB))
                .body("items.name", contains("author a", "author b"))
                .body("items.extraData", contains("a a", "a b"));
        get("/videos/" + videoB + "/credits").statusCode(200)
                .body("items.extraData", contains("b a", "b b"));
        get("/authors/" + authorA + "/credits").statusCode(200)
                .body("items.videoId", contains((int) videoA, (int) videoB))
                .body("items.code", contains("video a", "video b"))
                .body("items.extraData", contains("a a", "b a"));
        get("/authors/" + authorB).statusCode(200)
                .body("credits.extraData", containsInAnyOrder("a b", "b b"));
        get("/videos/" + videoA).statusCode(200)
                .body("credits.name", contains("author a", "author b"));

        assertEquals(List.of(
                Map.of("author_id", authorA, "video_id", videoA, "extra_data", "a a"),
                Map.of("author_id", authorA, "video_id", videoB, "extra_data", "b a"),
                Map.of("author_id", authorB, "video_id", videoA, "extra_data", "a b"),
                Map.of("author_id", authorB, "video_id", videoB, "extra_data", "b b")),
                db.rows("SELECT author_id, video_id, extra_data FROM video_author"
                        + " WHERE video_id IN (?, ?) ORDER BY author_id, video_id", videoA, videoB));
        assertEquals(List.of(Map.of("name", "author a"), Map.of("name", "author b")),
                db.rows("SELECT name FROM author WHERE id IN (?, ?) ORDER BY id", authorA, authorB));
    }
}

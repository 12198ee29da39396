package io.reelgraph.author;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.delete;
import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.post;
import static io.reelgraph.support.Api.put;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class AuthorResourceTest {

    @Inject
    Database db;

    @Test
    void createsReadsUpdatesAndDeletes() {
        String name = Api.unique("writer-");
        var created = post("/authors", "{\"name\":\"" + name + "\"}").statusCode(201)
                .body("name", equalTo(name))
                .body("featuredVideo", nullValue())
                .body("videos", empty())
                .body("credits", empty())
                .extract();
        long id = created.jsonPath().getLong("id");
        assertThat(created.header("Location"), endsWith("/authors/" + id));

        get("/authors/" + id).statusCode(200).body("id", equalTo((int) id)).body("name", equalTo(name));

        put("/authors/" + id, "{\"name\":\"renamed\"}").statusCode(200).body("name", equalTo("renamed"));
        assertEquals("renamed", db.row("SELECT name FROM author WHERE id = ?", id).get("name"));

        delete("/authors/" + id).statusCode(204);
        assertEquals(0, db.count("SELECT COUNT(*) FROM author WHERE id = ?", id));
        assertProblem(get("/authors/" + id), 404, "not-found").body("detail", equalTo("author " + id + " does not exist"));
    }

    @Test
    void createsAGraphInOneRequest() {
        long existing = Api.createVideo("existing");
        JsonPath author = post("/authors", """
                {"name":"graph","featuredVideo":{"code":"feat","img":"f.png","score":7.5},
                 "videos":[{"code":"up 1"},{"code":"up 2","score":3}],
                 "credits":[{"video":{"code":"cred new"},"extraData":"new one"},
                            {"videoId":%d,"extraData":"old one"}]}""".formatted(existing))
                .statusCode(201).extract().jsonPath();
        long id = author.getLong("id");

        get("/authors/" + id).statusCode(200)
                .body("featuredVideo.code", equalTo("feat"))
                .body("videos.code", contains("up 1", "up 2"))
                .body("credits.code", hasItem("existing"))
                .body("credits.extraData", hasItem("new one"));
        assertEquals(author.getLong("featuredVideo.id"),
                db.row("SELECT featured_video_id FROM author WHERE id = ?", id).get("featured_video_id"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM video WHERE author_id = ?", id));
        assertEquals(List.of(Map.of("extra_data", "old one")),
                db.rows("SELECT extra_data FROM video_author WHERE author_id = ? AND video_id = ?", id, existing));
    }

    @Test
    void featuresAnExistingVideoOnCreate() {
        long video = Api.createVideo("to feature");
        long author = post("/authors", "{\"name\":\"featurer\",\"featuredVideoId\":" + video + "}")
                .statusCode(201).body("featuredVideo.id", equalTo((int) video)).extract().jsonPath().getLong("id");
        get("/videos/" + video).body("featuredBy.id", equalTo((int) author));

        db.assertUnchangedBy(() -> assertProblem(
                post("/authors", "{\"name\":\"second\",\"featuredVideoId\":" + video + "}"), 409, "conflict")
                .body("detail", equalTo("video " + video + " is already featured by author " + author)));
    }

    @Test
    void rejectsInvalidAuthorsAndWritesNothing() {
        db.assertUnchangedBy(() -> {
            assertProblem(post("/authors", "{\"name\":\"\"}"), 400, "validation")
                    .body("violations.field", contains("name"));
            assertProblem(post("/authors", "{\"name\":\"" + "x".repeat(101) + "\"}"), 400, "validation")
                    .body("violations[0].message", containsString("size"));
            assertProblem(post("/authors", "{}"), 400, "validation");
            // a bad nested video rejects the whole graph
            assertProblem(post("/authors", """
                    {"name":"ok","videos":[{"code":"fine"},{"code":"way too long"}]}"""), 400, "validation")
                    .body("violations.field", contains("videos[1].code"));
            assertProblem(post("/authors", """
                    {"name":"ok","credits":[{"video":{"code":"a"},"extraData":"%s"}]}""".formatted("e".repeat(51))),
                    400, "validation").body("violations.field", contains("credits[0].extraData"));
            assertProblem(post("/authors", """
                    {"name":"ok","featuredVideo":{"code":"a"},"featuredVideoId":1}"""), 400, "validation")
                    .body("violations.field", contains("featuredVideoId"));
            assertProblem(post("/authors", """
                    {"name":"ok","credits":[{"extraData":"no end"}]}"""), 400, "validation")
                    .body("violations.field", contains("credits[0].videoId"));
            assertProblem(put("/authors/1", "{\"name\":\" \"}"), 400, "validation");
            assertProblem(post("/authors", "{\"name\":\"big\",\"videos\":["
                    + String.join(",", Collections.nCopies(101, "{\"code\":\"v\"}")) + "]}"), 400, "validation")
                    .body("violations.field", contains("videos"));
        });
    }

    @Test
    void rejectsDuplicateCreditsInOneRequest() {
        long video = Api.createVideo("dup");
        db.assertUnchangedBy(() -> assertProblem(post("/authors", """
                {"name":"ok","videos":[{"code":"would be"}],
                 "credits":[{"videoId":%1$d},{"videoId":%1$d}]}""".formatted(video)), 400, "validation")
                .body("violations.field", contains("credits[1].videoId")));
    }

    @Test
    void unknownIdsAre404AndWriteNothing() {
        long missing = 9_000_000_000L;
        db.assertUnchangedBy(() -> {
            assertProblem(get("/authors/" + missing), 404, "not-found");
            assertProblem(put("/authors/" + missing, "{\"name\":\"x\"}"), 404, "not-found");
            assertProblem(delete("/authors/" + missing), 404, "not-found");
            assertProblem(get("/authors/" + missing + "/videos"), 404, "not-found");
            assertProblem(get("/authors/" + missing + "/credits"), 404, "not-found");
            assertProblem(post("/authors/" + missing + "/videos", "{\"code\":\"x\"}"), 404, "not-found");
            // an unknown id inside a nested body rejects the whole graph, naming every missing id
            assertProblem(post("/authors", """
                    {"name":"x","videos":[{"code":"new"}],"credits":[{"videoId":%d},{"videoId":%d}]}"""
                    .formatted(missing, missing + 1)), 404, "not-found")
                    .body("detail", equalTo("videos " + missing + ", " + (missing + 1) + " do not exist"));
            assertProblem(post("/authors", "{\"name\":\"x\",\"featuredVideoId\":" + missing + "}"), 404,
                    "not-found");
        });
    }

    @Test
    void listsPagesSortedAndFiltered() {
        String tag = Api.unique("list-");
        long first = Api.createAuthor(tag + "-b");
        long second = Api.createAuthor(tag + "-a");
        long third = Api.createAuthor(tag + "-c");

        get("/authors?name=" + tag + "&size=2&sort=name").statusCode(200)
                .body("total", equalTo(3))
                .body("totalPages", equalTo(2))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("items.id", contains((int) second, (int) first));
        get("/authors?name=" + tag + "&size=2&page=1&sort=name").statusCode(200)
                .body("items.id", contains((int) third));
        get("/authors?name=" + tag + "&sort=-name").body("items.name", contains(tag + "-c", tag + "-b", tag + "-a"));
        get("/authors?name=" + tag + "&sort=-id").body("items.id", contains((int) third, (int) second, (int) first));
        get("/authors?name=" + tag + "&page=5").body("items", empty()).body("total", equalTo(3));
        // LIKE wildcards in the filter are literal
        get("/authors?name=%25" + tag).body("items", hasSize(0));
    }

    @Test
    void rejectsBadPagingParameters() {
        assertProblem(get("/authors?size=101"), 400, "validation").body("violations.field", contains("size"));
        assertProblem(get("/authors?size=0"), 400, "validation");
        assertProblem(get("/authors?page=-1"), 400, "validation").body("violations.field", contains("page"));
        assertProblem(get("/authors?page=abc"), 400, "malformed-request");
        assertProblem(get("/authors?sort=videos"), 400, "validation").body("violations.field", contains("sort"));
    }
}

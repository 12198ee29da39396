package io.reelgraph.video;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.delete;
import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.post;
import static io.reelgraph.support.Api.put;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class VideoResourceTest {

    @Inject
    Database db;

    @Test
    void createsReadsUpdatesAndDeletes() {
        long id = post("/videos", "{\"code\":\"clip\",\"img\":\"clip.png\",\"score\":6.5}").statusCode(201)
                .body("code", equalTo("clip"))
                .body("score", equalTo(6.5f))
                .body("author", nullValue())
                .body("featuredBy", nullValue())
                .body("credits", empty())
                .extract().jsonPath().getLong("id");

        get("/videos/" + id).statusCode(200).body("img", equalTo("clip.png"));

        put("/videos/" + id, "{\"code\":\"clip2\",\"score\":1}").statusCode(200)
                .body("code", equalTo("clip2")).body("img", nullValue()).body("score", equalTo(1.0f));
        assertEquals(Map.of("code", "clip2", "score", 1.0f),
                db.row("SELECT code, score FROM video WHERE id = ? AND img IS NULL", id));

        delete("/videos/" + id).statusCode(204);
        assertEquals(0, db.count("SELECT COUNT(*) FROM video WHERE id = ?", id));
        assertProblem(get("/videos/" + id), 404, "not-found");
    }

    @Test
    void createsAGraphInOneRequest() {
        long uploader = Api.createAuthor("uploader");
        long credited = Api.createAuthor("credited");
        JsonPath video = post("/videos", """
                {"code":"graph","authorId":%d,"featuredBy":{"name":"fan"},
                 "credits":[{"authorId":%d,"extraData":"old"},{"author":{"name":"newcomer"},"extraData":"new"}]}"""
                .formatted(uploader, credited)).statusCode(201).extract().jsonPath();
        long id = video.getLong("id");

        get("/videos/" + id).statusCode(200)
                .body("author.id", equalTo((int) uploader))
                .body("featuredBy.name", equalTo("fan"))
                .body("credits.name", containsInAnyOrder("credited", "newcomer"));
        get("/authors/" + uploader + "/videos").body("items.id", contains((int) id));
        assertEquals(id, db.row("SELECT featured_video_id FROM author WHERE id = ?",
                video.getLong("featuredBy.id")).get("featured_video_id"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM video_author WHERE video_id = ?", id));
    }

    @Test
    void newUploaderOnCreate() {
        JsonPath video = post("/videos", "{\"code\":\"mine\",\"author\":{\"name\":\"new uploader\"}}")
                .statusCode(201).extract().jsonPath();
        get("/authors/" + video.getLong("author.id") + "/videos").body("items.code", contains("mine"));
    }

    @Test
    void featuringAuthorMustBeFree() {
        long author = Api.createAuthor("busy");
        long featured = Api.createVideo("featured");
        put("/authors/" + author + "/featured-video", "{\"videoId\":" + featured + "}").statusCode(200);

        db.assertUnchangedBy(() -> assertProblem(
                post("/videos", "{\"code\":\"other\",\"featuredById\":" + author + "}"), 409, "conflict")
                .body("detail", equalTo("author " + author + " already features video " + featured)));
    }

    @Test
    void rejectsInvalidVideosAndWritesNothing() {
        db.assertUnchangedBy(() -> {
            assertProblem(post("/videos", "{\"code\":\"12345678901\"}"), 400, "validation")
                    .body("violations.field", contains("code"));
            assertProblem(post("/videos", "{\"code\":\"\"}"), 400, "validation");
            assertProblem(post("/videos", "{\"code\":\"ok\",\"img\":\"" + "i".repeat(101) + "\"}"), 400,
                    "validation").body("violations.field", contains("img"));
            // a float column cannot hold 1e39; Jackson reads the string "NaN" as a float, which is not finite
            assertProblem(post("/videos", "{\"code\":\"ok\",\"score\":1e39}"), 400, "validation")
                    .body("violations.field", contains("score"));
            assertProblem(post("/videos", "{\"code\":\"ok\",\"score\":\"NaN\"}"), 400, "validation")
                    .body("violations.field", contains("score"));
            assertProblem(post("/videos", "{\"code\":\"ok\",\"score\":\"9\"}"), 400, "malformed-request");
            assertProblem(post("/videos", "{\"code\":\"ok\",\"score\":NaN}"), 400, "malformed-request");
            assertProblem(post("/videos", """
                    {"code":"ok","credits":[{"author":{"name":""},"extraData":"x"}]}"""), 400, "validation")
                    .body("violations.field", contains("credits[0].author.name"));
            assertProblem(post("/videos", """
                    {"code":"ok","author":{"name":"n"},"authorId":1}"""), 400, "validation")
                    .body("violations.field", contains("authorId"));
            assertProblem(post("/videos", "{\"code\":\"ok\",\"featuredBy\":{\"name\":\"n\"},\"featuredById\":1}"),
                    400, "validation").body("violations.field", contains("featuredById"));
            assertProblem(put("/videos/1", "{\"code\":\"ok\",\"score\":\"high\"}"), 400, "malformed-request");
        });
    }

    @Test
    void unknownIdsAre404AndWriteNothing() {
        long missing = 9_000_000_000L;
        db.assertUnchangedBy(() -> {
            assertProblem(get("/videos/" + missing), 404, "not-found");
            assertProblem(put("/videos/" + missing, "{\"code\":\"x\"}"), 404, "not-found");
            assertProblem(delete("/videos/" + missing), 404, "not-found");
            assertProblem(get("/videos/" + missing + "/credits"), 404, "not-found");
            assertProblem(post("/videos", "{\"code\":\"x\",\"authorId\":" + missing + "}"), 404, "not-found")
                    .body("detail", equalTo("author " + missing + " does not exist"));
            assertProblem(post("/videos", "{\"code\":\"x\",\"featuredById\":" + missing + "}"), 404, "not-found");
            assertProblem(post("/videos", """
                    {"code":"x","credits":[{"author":{"name":"new"}},{"authorId":%d}]}""".formatted(missing)),
                    404, "not-found");
        });
    }

    @Test
    void listsWithFilters() {
        String code = Api.unique("f").substring(0, 7);
        long author = Api.createAuthor("lister");
        long low = post("/videos", "{\"code\":\"" + code + "1\",\"score\":2}").statusCode(201)
                .extract().jsonPath().getLong("id");
        long high = post("/videos", "{\"code\":\"" + code + "2\",\"score\":8.5,\"authorId\":" + author + "}")
                .statusCode(201).extract().jsonPath().getLong("id");

        get("/videos?code=" + code).body("total", equalTo(2)).body("items.id", contains((int) low, (int) high));
        get("/videos?code=" + code + "&minScore=8").body("items.id", contains((int) high));
        get("/videos?code=" + code + "&authorId=" + author).body("items.id", contains((int) high));
        get("/videos?code=" + code + "&sort=-score").body("items.id", contains((int) high, (int) low));
        get("/videos?authorId=" + author + "&minScore=9").body("total", equalTo(0));
        assertProblem(get("/videos?minScore=NaN"), 400, "validation");
        assertProblem(get("/videos?minScore=high"), 400, "malformed-request");
        assertProblem(get("/videos?sort=img"), 400, "validation");
    }
}

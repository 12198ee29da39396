package io.reelgraph.catalogue;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.delete;
import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.post;
import static io.reelgraph.support.Api.put;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;

/** The featured-video and upload links, set and cleared from either side, and what deletes do to them. */
@QuarkusTest
class RelationshipLinksTest {

    @Inject
    Database db;

    @Test
    void featuredVideoFromTheAuthorSide() {
        long author = Api.createAuthor("a");
        long first = Api.createVideo("first");
        long second = Api.createVideo("second");

        put("/authors/" + author + "/featured-video", "{\"videoId\":" + first + "}").statusCode(200)
                .body("featuredVideo.id", equalTo((int) first));
        // replacing the author's own link releases the old video
        put("/authors/" + author + "/featured-video", "{\"videoId\":" + second + "}").statusCode(200)
                .body("featuredVideo.code", equalTo("second"));
        get("/videos/" + first).body("featuredBy", nullValue());
        get("/videos/" + second).body("featuredBy.id", equalTo((int) author));
        // idempotent
        put("/authors/" + author + "/featured-video", "{\"videoId\":" + second + "}").statusCode(200);
        assertEquals(second, featuredVideoOf(author));

        delete("/authors/" + author + "/featured-video").statusCode(204);
        get("/videos/" + second).body("featuredBy", nullValue());
        assertNull(featuredVideoOf(author));
    }

    @Test
    void featuredVideoFromTheVideoSide() {
        long video = Api.createVideo("shared");
        long first = Api.createAuthor("first");
        long second = Api.createAuthor("second");

        put("/videos/" + video + "/featured-by", "{\"authorId\":" + first + "}").statusCode(200)
                .body("featuredBy.id", equalTo((int) first));
        // replacing the video's own featurer releases the old author
        put("/videos/" + video + "/featured-by", "{\"authorId\":" + second + "}").statusCode(200)
                .body("featuredBy.name", equalTo("second"));
        get("/authors/" + first).body("featuredVideo", nullValue());
        get("/authors/" + second).body("featuredVideo.id", equalTo((int) video));
        assertNull(featuredVideoOf(first));
        assertEquals(video, featuredVideoOf(second));

        delete("/videos/" + video + "/featured-by").statusCode(204);
        get("/authors/" + second).body("featuredVideo", nullValue());
    }

    @Test
    void takingAnotherAuthorsFeaturedVideoIsAConflict() {
        long owner = Api.createAuthor("owner");
        long other = Api.createAuthor("other");
        long video = Api.createVideo("taken");
        long otherVideo = Api.createVideo("mine");
        put("/authors/" + owner + "/featured-video", "{\"videoId\":" + video + "}").statusCode(200);
        put("/authors/" + other + "/featured-video", "{\"videoId\":" + otherVideo + "}").statusCode(200);

        db.assertUnchangedBy(() -> {
            assertProblem(put("/authors/" + other + "/featured-video", "{\"videoId\":" + video + "}"), 409,
                    "conflict").body("detail", equalTo("video " + video + " is already featured by author " + owner));
            // from the video side: the author already features another video
            assertProblem(put("/videos/" + video + "/featured-by", "{\"authorId\":" + other + "}"), 409,
                    "conflict").body("detail", equalTo("author " + other + " already features video " + otherVideo));
        });
    }

    /**
     * The video's uploader (already loaded with the video) asked to feature it while it features another video:
     * a conflict, from an author read twice in one session (once as the uploader, once with its featured video).
     */
    @Test
    void anUploaderFeaturingAnotherVideoCannotFeatureItsUpload() {
        long author = Api.createAuthor("uploader");
        long featured = Api.createVideo("featured");
        put("/authors/" + author + "/featured-video", "{\"videoId\":" + featured + "}").statusCode(200);
        long upload = post("/authors/" + author + "/videos", "{\"code\":\"upload\"}").statusCode(201)
                .extract().jsonPath().getLong("id");
        db.assertUnchangedBy(() -> assertProblem(put("/videos/" + upload + "/featured-by",
                "{\"authorId\":" + author + "}"), 409, "conflict"));
        // once it features nothing, it can
        delete("/authors/" + author + "/featured-video").statusCode(204);
        put("/videos/" + upload + "/featured-by", "{\"authorId\":" + author + "}").statusCode(200)
                .body("featuredBy.id", equalTo((int) author));
        put("/videos/" + upload + "/featured-by", "{\"authorId\":" + author + "}").statusCode(200);
    }

    @Test
    void linkEndpointsRejectUnknownIdsAndBadBodies() {
        long author = Api.createAuthor("a");
        long video = Api.createVideo("v");
        long missing = 9_000_000_000L;
        db.assertUnchangedBy(() -> {
            assertProblem(put("/authors/" + author + "/featured-video", "{\"videoId\":" + missing + "}"), 404,
                    "not-found");
            assertProblem(put("/authors/" + missing + "/featured-video", "{\"videoId\":" + video + "}"), 404,
                    "not-found");
            assertProblem(delete("/authors/" + missing + "/featured-video"), 404, "not-found");
            assertProblem(put("/videos/" + video + "/featured-by", "{\"authorId\":" + missing + "}"), 404,
                    "not-found");
            assertProblem(delete("/videos/" + missing + "/featured-by"), 404, "not-found");
            assertProblem(put("/videos/" + video + "/author", "{\"authorId\":" + missing + "}"), 404, "not-found");
            assertProblem(put("/videos/" + missing + "/author", "{\"authorId\":" + author + "}"), 404, "not-found");
            assertProblem(delete("/videos/" + missing + "/author"), 404, "not-found");
            assertProblem(put("/authors/" + author + "/featured-video", "{}"), 400, "validation")
                    .body("violations.field", contains("videoId"));
            assertProblem(put("/videos/" + video + "/author", "{\"authorId\":\"1\"}"), 400, "malformed-request");
            assertProblem(put("/videos/" + video + "/author", "{\"author\":1}"), 400, "malformed-request");
        });
    }

    @Test
    void uploadsFromBothSides() {
        long first = Api.createAuthor("first");
        long second = Api.createAuthor("second");
        long video = post("/authors/" + first + "/videos", "{\"code\":\"appended\",\"score\":4}").statusCode(201)
                .body("author.id", equalTo((int) first)).extract().jsonPath().getLong("id");
        get("/authors/" + first + "/videos").body("items.id", contains((int) video));

        // moving the video to another uploader takes it off the first one's list
        put("/videos/" + video + "/author", "{\"authorId\":" + second + "}").statusCode(200)
                .body("author.name", equalTo("second"));
        get("/authors/" + first + "/videos").body("items", empty());
        get("/authors/" + second).body("videos.id", contains((int) video));

        delete("/videos/" + video + "/author").statusCode(204);
        get("/videos/" + video).body("author", nullValue());
        get("/authors/" + second + "/videos").body("items", empty());
        assertNull(db.row("SELECT author_id FROM video WHERE id = ?", video).get("author_id"));
    }

    @Test
    void deletingAnAuthorKeepsItsUploadsButDropsItsLinks() {
        long author = Api.createAuthor("leaving");
        long upload = post("/authors/" + author + "/videos", "{\"code\":\"stays\"}").statusCode(201)
                .extract().jsonPath().getLong("id");
        long featured = Api.createVideo("featured");
        put("/authors/" + author + "/featured-video", "{\"videoId\":" + featured + "}").statusCode(200);
        put("/videos/" + upload + "/credits/" + author, "{\"extraData\":\"x\"}").statusCode(201);

        delete("/authors/" + author).statusCode(204);

        get("/videos/" + upload).statusCode(200).body("author", nullValue()).body("credits", empty());
        get("/videos/" + featured).statusCode(200).body("featuredBy", nullValue());
        assertEquals(0, db.count("SELECT COUNT(*) FROM video_author WHERE author_id = ?", author));
    }

    @Test
    void deletingAVideoDropsItsCreditsAndFeaturedLink() {
        long author = Api.createAuthor("staying");
        long video = Api.createVideo("going");
        long other = post("/authors/" + author + "/videos", "{\"code\":\"other\"}").statusCode(201)
                .extract().jsonPath().getLong("id");
        put("/videos/" + video + "/author", "{\"authorId\":" + author + "}").statusCode(200);
        put("/authors/" + author + "/featured-video", "{\"videoId\":" + video + "}").statusCode(200);
        put("/videos/" + video + "/credits/" + author, "{\"extraData\":\"x\"}").statusCode(201);

        delete("/videos/" + video).statusCode(204);

        get("/authors/" + author).statusCode(200)
                .body("featuredVideo", nullValue())
                .body("videos.id", contains((int) other))
                .body("credits", empty());
        assertNull(featuredVideoOf(author));
    }

    private Long featuredVideoOf(long author) {
        return (Long) db.row("SELECT featured_video_id FROM author WHERE id = ?", author).get("featured_video_id");
    }
}

package io.reelgraph.video;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.delete;
import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.put;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;

/**
 * Credits, the association object with a composite key: persist, find, update of extraData and delete are each
 * pinned here, since Hibernate Reactive has had bugs with such keys.
 */
@QuarkusTest
class CreditTest {

    @Inject
    Database db;

    @Test
    void putCreatesThenUpdatesThenDeleteRemoves() {
        long author = Api.createAuthor("credited");
        long video = Api.createVideo("credits");
        String path = "/videos/" + video + "/credits/" + author;

        put(path, "{\"extraData\":\"a b\"}").statusCode(201)
                .body("videoId", equalTo((int) video))
                .body("authorId", equalTo((int) author))
                .body("code", equalTo("credits"))
                .body("name", equalTo("credited"))
                .body("extraData", equalTo("a b"));
        assertEquals(List.of(Map.of("extra_data", "a b")), creditRows(author, video));

        // the same request again changes nothing and says so with 200
        db.assertUnchangedBy(() -> put(path, "{\"extraData\":\"a b\"}").statusCode(200));

        put(path, "{\"extraData\":\"b b\"}").statusCode(200).body("extraData", equalTo("b b"));
        assertEquals(List.of(Map.of("extra_data", "b b")), creditRows(author, video));
        get("/videos/" + video + "/credits").body("items.extraData", contains("b b"));
        get("/authors/" + author + "/credits").body("items.videoId", contains((int) video));

        delete(path).statusCode(204);
        assertEquals(List.of(), creditRows(author, video));
        get("/videos/" + video + "/credits").body("items", empty()).body("total", equalTo(0));
        assertProblem(delete(path), 404, "not-found");
    }

    @Test
    void extraDataMayBeNull() {
        long author = Api.createAuthor("plain");
        long video = Api.createVideo("plain");
        put("/videos/" + video + "/credits/" + author, "{}").statusCode(201);
        assertEquals(1, db.count("SELECT COUNT(*) FROM video_author WHERE author_id = ? AND video_id = ?"
                + " AND extra_data IS NULL", author, video));
    }

    @Test
    void rejectsUnknownEndsAndBadData() {
        long author = Api.createAuthor("a");
        long video = Api.createVideo("v");
        long missing = 9_000_000_000L;
        db.assertUnchangedBy(() -> {
            assertProblem(put("/videos/" + missing + "/credits/" + author, "{\"extraData\":\"x\"}"), 404,
                    "not-found").body("detail", equalTo("video " + missing + " does not exist"));
            assertProblem(put("/videos/" + video + "/credits/" + missing, "{\"extraData\":\"x\"}"), 404,
                    "not-found").body("detail", equalTo("author " + missing + " does not exist"));
            assertProblem(put("/videos/" + video + "/credits/" + author, "{\"extraData\":\"" + "x".repeat(51) + "\"}"),
                    400, "validation").body("violations.field", contains("extraData"));
            assertProblem(put("/videos/" + video + "/credits/" + author, "{\"extraData\":5}"), 400,
                    "malformed-request");
            assertProblem(put("/videos/" + video + "/credits/" + author, ""), 400, "validation");
            assertProblem(delete("/videos/" + video + "/credits/" + author), 404, "not-found");
        });
    }

    private List<Map<String, Object>> creditRows(long author, long video) {
        return db.rows("SELECT extra_data FROM video_author WHERE author_id = ? AND video_id = ?", author, video);
    }
}

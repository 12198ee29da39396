package io.reelgraph.listing;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.get;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.reelgraph.support.Http;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * Lists are walked by cursor in the order the database gives, across ties and NULLs, with the filters kept; bad
 * paging is a 400 that says what to do; sub-collections are pages and streams; views link to the rest of their lists.
 */
@QuarkusTest
class ListingTest {

    @Inject
    Database db;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void cursorsWalkEveryOrderAcrossTiesAndNulls() {
        long author = Api.createAuthor("walker");
        // scores with ties and NULLs, inserted out of order
        db.update("INSERT INTO video (code, score, author_id) VALUES ('w5', 5, ?), ('w1', NULL, ?), ('w3', 1.5, ?),"
                + " ('w2', 1.5, ?), ('w7', NULL, ?), ('w4', 1.5, ?), ('w6', 0.1, ?), ('w8', 5, ?)",
                author, author, author, author, author, author, author, author);
        for (String sort : List.of("score", "-score", "code", "-code", "id", "-id")) {
            String column = sort.replace("-", "");
            String direction = sort.startsWith("-") ? " DESC" : "";
            List<Object> expected = db.rows("SELECT id FROM video WHERE author_id = ? ORDER BY " + column + direction
                    + ", id" + direction, author).stream().map(row -> row.get("id")).toList();
            assertEquals(expected, walk("/authors/" + author + "/videos?size=3&sort=" + sort), sort);
            assertEquals(expected, walk("/videos?authorId=" + author + "&size=2&sort=" + sort), sort);
        }
    }

    /** The ids of every page, following next links from {@code first}; each link keeps the filters and size. */
    private static List<Object> walk(String first) {
        List<Object> ids = new ArrayList<>();
        String path = first;
        while (path != null) {
            JsonPath page = get(path).statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", Long.class));
            path = page.getString("next");
            if (path != null) {
                assertTrue(path.contains("size=") && path.contains("sort=") && path.contains("cursor="), path);
                assertTrue(!first.contains("authorId") || path.contains("authorId="), path);
            }
        }
        return ids;
    }

    @Test
    void pagesCarryExactTotalsAndTheLastHasNoNext() {
        String tag = Api.unique("tot");
        for (int i = 0; i < 5; i++) {
            Api.createAuthor(tag + "-" + i);
        }
        get("/authors?name=" + tag + "&size=2").statusCode(200)
                .body("total", equalTo(5)).body("totalExact", equalTo(true)).body("totalPages", equalTo(3))
                .body("page", equalTo(0)).body("next", startsWith("/authors?"));
        get("/authors?name=" + tag + "&size=2&page=2").statusCode(200)
                .body("items", hasSize(1)).body("next", nullValue());
        // a page reached by a cursor has no number
        String next = get("/authors?name=" + tag + "&size=2").extract().path("next");
        get(next).statusCode(200).body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("page")))
                .body("items", hasSize(2));
    }

    @Test
    void namesAndCodesMatchTheirStartCaseInsensitivelyAndLiterally() {
        String tag = Api.unique("Pre");
        long upper = Api.createAuthor(tag + " Upper");
        long percent = Api.createAuthor(tag + "%x");
        Api.createAuthor("not " + tag);
        get("/authors?name=" + tag.toLowerCase()).body("items.id", containsInAnyOrder((int) percent, (int) upper));
        RestAssured.given().queryParam("name", tag + "%").get("/authors").then().body("items.id", contains((int) percent));
        RestAssured.given().queryParam("name", tag + "_").get("/authors").then().body("items", empty());
    }

    @Test
    void badPagingIsRefusedInWords() {
        long author = Api.createAuthor("pager");
        db.update("INSERT INTO video (code, author_id) SELECT CONCAT('p', seq), ? FROM seq_1_to_5", author);
        String next = get("/authors/" + author + "/videos?size=2&sort=code").extract().path("next");
        String cursor = next.substring(next.indexOf("cursor=") + 7);

        assertProblem(get("/authors/" + author + "/videos?sort=-code&cursor=" + cursor), 400, "validation")
                .body("violations[0].field", equalTo("cursor"))
                .body("violations[0].message", containsString("sort=code"));
        assertProblem(get("/authors/" + author + "/videos?sort=code&page=1&cursor=" + cursor), 400, "validation")
                .body("violations[0].field", equalTo("page"));
        for (String bad : List.of("x", "eA", "%00", "bm90IGEgY3Vyc29y", cursor + "*", cursorOf("code\n1\nl5"),
                cursorOf("code\n1\nn"), cursorOf("code\n1\nf2143289344"))) {
            assertProblem(get("/authors/" + author + "/videos?sort=code&cursor=" + bad), 400, "validation")
                    .body("violations[0].field", equalTo("cursor"));
        }
        assertProblem(get("/videos?sort=score,code"), 400, "validation")
                .body("violations[0].message", containsString("one field"));
        assertProblem(get("/authors/" + author + "/credits?sort=code"), 400, "validation")
                .body("violations[0].message", containsString("sortable fields: videoId"));
        assertProblem(get("/videos?page=" + Listing.WINDOW / 100 + "&size=100"), 400, "validation")
                .body("violations[0].message", containsString("next"));
        get("/videos?page=" + (Listing.WINDOW / 100 - 1) + "&size=100").statusCode(200);
    }

    /** A cursor as the lists write them: a number where code is text, a NULL code, a NaN; each is a 400. */
    private static String cursorOf(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void subCollectionsArePagesAndStreamsOfExistingRows() {
        long author = Api.createAuthor("many");
        db.update("INSERT INTO video (code, score, author_id) SELECT CONCAT('m', seq), seq, ? FROM seq_1_to_25", author);
        db.update("INSERT INTO video_author (author_id, video_id, extra_data) SELECT author_id, id, 'own' FROM video"
                + " WHERE author_id = ?", author);
        long video = db.count("SELECT MIN(id) FROM video WHERE author_id = ?", author);

        // the view embeds the first page, and links to the second
        JsonPath view = get("/authors/" + author).statusCode(200)
                .body("videos", hasSize(Listing.DEFAULT_SIZE)).body("credits", hasSize(Listing.DEFAULT_SIZE))
                .body("more.videos.total", equalTo(25)).body("more.videos.totalExact", equalTo(true))
                .body("more.credits.total", equalTo(25)).extract().jsonPath();
        get(view.getString("more.videos.next")).statusCode(200)
                .body("items.code", contains("m21", "m22", "m23", "m24", "m25")).body("next", nullValue());
        get(view.getString("more.credits.next")).statusCode(200).body("items", hasSize(5));
        get("/videos/" + video).statusCode(200).body("credits", hasSize(1))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("more")));

        get("/authors/" + author + "/videos?sort=-score&size=3").statusCode(200)
                .body("items.code", contains("m25", "m24", "m23")).body("total", equalTo(25));
        get("/videos/" + video + "/credits").statusCode(200).body("items.authorId", contains((int) author))
                .body("items.extraData", contains("own"));
        List<String> streamed = RestAssured.given().accept("application/x-ndjson")
                .get("/authors/" + author + "/credits").then().statusCode(200).extract().asString().lines().toList();
        assertEquals(25, streamed.size());
        assertEquals("m1", JsonPath.from(streamed.get(0)).getString("code"));

        long missing = db.count("SELECT COALESCE(MAX(id), 0) + 1000 FROM author");
        assertProblem(get("/authors/" + missing + "/videos"), 404, "not-found");
        assertProblem(RestAssured.given().accept("application/x-ndjson").get("/authors/" + missing + "/credits")
                .then(), 404, "not-found");
        assertProblem(RestAssured.given().accept("application/x-ndjson")
                .get("/authors/" + author + "/videos?size=5").then(), 400, "validation");
    }

    /**
     * A client that names no media type, or any, or JSON and NDJSON alike (as clients generated from the contract
     * do), or refuses NDJSON, or sends a header that cannot be parsed, gets the JSON page of every list; the stream is
     * for a client that ranks NDJSON above JSON.
     */
    @Test
    void listsAnswerJsonUnlessTheStreamIsPreferred() throws Exception {
        long author = Api.createAuthor("plain");
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put(null, "application/json");
        answers.put("*/*", "application/json");
        answers.put("text/html,application/xhtml+xml,*/*;q=0.8", "application/json");
        answers.put("application/json, application/x-ndjson", "application/json");
        answers.put("application/x-ndjson;q=0.5, application/*", "application/json");
        // RESTEasy Reactive would pick the stream here: it ignores q=0
        answers.put("application/x-ndjson;q=0, */*", "application/json");
        // a header that cannot be parsed counts as none
        answers.put("garbage", "application/json");
        answers.put("application/x-ndjson", "application/x-ndjson");
        answers.put("application/json;q=0.9, application/x-ndjson", "application/x-ndjson");
        answers.put("application/x-ndjson, */*;q=0.1", "application/x-ndjson");
        for (String path : List.of("/authors", "/videos", "/authors/" + author + "/videos",
                "/authors/" + author + "/credits", "/videos/" + Api.createVideo("plain") + "/credits")) {
            answers.forEach((accept, expected) -> {
                // paging parameters are the JSON page's own: a stream refuses them
                HttpRequest.Builder request = Http.request(port, path
                        + (expected.equals("application/json") ? "?size=1" : ""));
                if (accept != null) {
                    request.header("Accept", accept);
                }
                HttpResponse<String> response = Http.send(request.build());
                assertEquals(200, response.statusCode(), path + " " + accept);
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(expected),
                        path + " " + accept + ": " + response.headers().firstValue("Content-Type"));
            });
        }
    }

}

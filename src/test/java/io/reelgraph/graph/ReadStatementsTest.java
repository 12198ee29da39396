package io.reelgraph.graph;

import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.post;
import static io.reelgraph.support.Api.put;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;

/**
 * Reading an author or a video costs the same few statements whether it has one link or fifty: counted by the
 * database server itself.
 */
@QuarkusTest
class ReadStatementsTest {

    @Inject
    Database db;

    @Test
    void authorReadsAreConstant() {
        long small = authorWithLinks(1);
        long large = authorWithLinks(50);

        assertEquals(1, db.statementsFor("/authors/" + small, 200));
        assertEquals(1, db.statementsFor("/authors/" + large, 200));
        // the first page of each list, and how many there are
        get("/authors/" + large).body("videos", hasSize(20)).body("credits", hasSize(20))
                .body("more.videos.total", equalTo(50)).body("more.credits.total", equalTo(50));
    }

    @Test
    void videoReadsAreConstant() {
        long small = videoWithCredits(1);
        long large = videoWithCredits(50);

        assertEquals(2, db.statementsFor("/videos/" + small, 200));
        assertEquals(2, db.statementsFor("/videos/" + large, 200));
        get("/videos/" + large).body("credits", hasSize(20)).body("more.credits.total", equalTo(50));
    }

    @Test
    void listPagesAreConstant() {
        String tag = Api.unique("stm").substring(0, 8);
        for (int i = 0; i < 30; i++) {
            authorWithLinks(2, tag + i);
        }
        // count, page of ids, then the one statement of the author reads
        assertEquals(3, db.statementsFor("/authors?size=3&name=" + tag, 200));
        assertEquals(3, db.statementsFor("/authors?size=30&name=" + tag, 200));
    }

    /**
     * A page's lists are read together, up to the links each may show plus the window; a long list that uses that up
     * leaves the authors after it to a second statement, one by one, and each view still shows its first page and the
     * right total.
     */
    @Test
    void aLongListLeavesTheAuthorsAfterItToOneMoreStatement() {
        String tag = Api.unique("batch").substring(0, 10);
        long hub = Api.createAuthor(tag + "-a");
        long small = Api.createAuthor(tag + "-b");
        long longer = Api.createAuthor(tag + "-c");
        // 3 authors may show 21 links each, plus the window: the hub's 10,040, the 5 and 19 of the 25 fill that
        db.update("INSERT INTO video (code, author_id) SELECT CONCAT('h', seq), ? FROM seq_1_to_10040", hub);
        db.update("INSERT INTO video (code, author_id) SELECT CONCAT('s', seq), ? FROM seq_1_to_5", small);
        db.update("INSERT INTO video (code, author_id) SELECT CONCAT('l', seq), ? FROM seq_1_to_25", longer);
        String page = "/authors?size=3&sort=id&name=" + tag;
        get(page).statusCode(200)
                .body("items.id", contains((int) hub, (int) small, (int) longer))
                .body("items[0].videos", hasSize(20)).body("items[0].more.videos.total", equalTo(10_000))
                .body("items[0].more.videos.totalExact", equalTo(false))
                .body("items[1].videos.code", contains("s1", "s2", "s3", "s4", "s5"))
                .body("items[1].more", org.hamcrest.Matchers.nullValue())
                .body("items[2].videos", hasSize(20)).body("items[2].videos[19].code", equalTo("l20"))
                .body("items[2].more.videos.total", equalTo(25)).body("items[2].more.videos.totalExact", equalTo(true));
        // count, ids, the authors, and the one after the hub's read
        assertEquals(4, db.statementsFor(page, 200));
    }

    private long authorWithLinks(int count) {
        return authorWithLinks(count, "linked");
    }

    private long authorWithLinks(int count, String name) {
        String videos = IntStream.range(0, count).mapToObj(i -> "{\"code\":\"u" + i + "\"}")
                .collect(Collectors.joining(","));
        String credits = IntStream.range(0, count).mapToObj(i -> "{\"video\":{\"code\":\"c" + i + "\"},\"extraData\":\"x\"}")
                .collect(Collectors.joining(","));
        return post("/authors", "{\"name\":\"" + name + "\",\"featuredVideo\":{\"code\":\"f\"},\"videos\":[" + videos
                + "],\"credits\":[" + credits + "]}").statusCode(201).extract().jsonPath().getLong("id");
    }

    private long videoWithCredits(int count) {
        long video = Api.createVideo("credited");
        long author = Api.createAuthor("uploader");
        put("/videos/" + video + "/author", "{\"authorId\":" + author + "}").statusCode(200);
        put("/videos/" + video + "/featured-by", "{\"authorId\":" + author + "}").statusCode(200);
        String credits = IntStream.range(0, count).mapToObj(i -> "{\"author\":{\"name\":\"n" + i + "\"}}")
                .collect(Collectors.joining(","));
        return post("/videos", "{\"code\":\"many\",\"authorId\":" + author + ",\"credits\":[" + credits + "]}")
                .statusCode(201).extract().jsonPath().getLong("id");
    }
}

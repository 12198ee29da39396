package io.reelgraph;

import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.post;
import static io.reelgraph.support.Api.put;
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

        assertEquals(1, statementsFor("/authors/" + small));
        assertEquals(1, statementsFor("/authors/" + large));
        // the first page of each list, and how many there are
        get("/authors/" + large).body("videos", hasSize(20)).body("credits", hasSize(20))
                .body("more.videos.total", equalTo(50)).body("more.credits.total", equalTo(50));
    }

    @Test
    void videoReadsAreConstant() {
        long small = videoWithCredits(1);
        long large = videoWithCredits(50);

        assertEquals(2, statementsFor("/videos/" + small));
        assertEquals(2, statementsFor("/videos/" + large));
        get("/videos/" + large).body("credits", hasSize(20)).body("more.credits.total", equalTo(50));
    }

    @Test
    void listPagesAreConstant() {
        String tag = Api.unique("stm").substring(0, 8);
        for (int i = 0; i < 30; i++) {
            authorWithLinks(2, tag + i);
        }
        // count, page of ids, then the one statement of the author reads
        assertEquals(3, statementsFor("/authors?size=3&name=" + tag));
        assertEquals(3, statementsFor("/authors?size=30&name=" + tag));
    }

    private long statementsFor(String path) {
        long before = db.statementsExecuted();
        get(path).statusCode(200);
        // the SHOW STATUS of the measurement itself is not a select, insert, update or delete
        return db.statementsExecuted() - before;
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

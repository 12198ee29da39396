package io.reelgraph.graph;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.reelgraph.support.Http;
import io.restassured.path.json.JsonPath;

/**
 * {@code expand} embeds related objects whole, in a number of statements that the expansion sets and the size of
 * the graph does not: counted by the database server for graphs of 1 and of 200 children.
 */
@QuarkusTest
class ExpandTest {

    @Inject
    Database db;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void authorEmbedsItsVideosWhole() {
        JsonPath created = post("/authors", """
                {"name":"expanded","featuredVideo":{"code":"feat","img":"f","score":7},
                 "videos":[{"code":"up a","img":"1","score":8},{"code":"up b"}],
                 "credits":[{"video":{"code":"cred","img":"c","score":9},"extraData":"lead"}]}""")
                .statusCode(201).extract().jsonPath();
        long id = created.getLong("id");
        long coauthor = Api.createAuthor("coauthor");
        long credited = created.getLong("credits[0].videoId");
        Api.put("/videos/" + credited + "/credits/" + coauthor, "{\"extraData\":\"second\"}").statusCode(201);

        get("/authors/" + id + "?expand=videos,featuredVideo,credits.video").statusCode(200)
                .body("name", equalTo("expanded"))
                .body("featuredVideo.code", equalTo("feat"))
                .body("featuredVideo.img", equalTo("f"))
                .body("featuredVideo.featuredBy", equalTo(Map.of("id", (int) id, "name", "expanded")))
                .body("videos.code", contains("up a", "up b"))
                .body("videos.score", contains(8.0f, null))
                .body("videos.author.id", contains((int) id, (int) id))
                .body("videos[0]", hasKey("credits"))
                .body("credits[0].extraData", equalTo("lead"))
                .body("credits[0].video.img", equalTo("c"))
                // an embedded video's own links stay compact
                .body("credits[0].video.credits.name", contains("expanded", "coauthor"))
                .body("credits[0].video.credits[1]", not(hasKey("author")));

        get("/authors/" + id + "?expand=credits.video.credits.author").statusCode(200)
                .body("credits[0].video.credits.author.name", contains("expanded", "coauthor"))
                .body("credits[0].video.credits[0].author.credits[0].videoId", equalTo((int) credited))
                // not asked for: compact
                .body("featuredVideo", equalTo(Map.of("id", created.getInt("featuredVideo.id"),
                        "code", "feat")))
                .body("credits[0].video.credits[0].author.credits[0]", not(hasKey("video")));

        // without expand nothing changes
        get("/authors/" + id).statusCode(200)
                .body("featuredVideo.img", nullValue())
                .body("credits[0]", not(hasKey("video")));
    }

    @Test
    void videoListsEmbedTheirAuthors() {
        long author = Api.createAuthor("lister");
        String tag = Api.unique("x").substring(0, 7);
        post("/videos", """
                {"code":"%s hi","score":9,"authorId":%d,"credits":[{"author":{"name":"guest"},"extraData":"g"}]}"""
                .formatted(tag, author)).statusCode(201);
        post("/videos", """
                {"code":"%s lo","score":3,"authorId":%d}""".formatted(tag, author)).statusCode(201);

        get("/videos?code=" + tag + "&minScore=8&expand=author,credits.author").statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].author.name", equalTo("lister"))
                .body("items[0].author.videos", hasSize(2))
                .body("items[0].credits[0].author.name", equalTo("guest"))
                .body("items[0].credits[0].author.credits[0].extraData", equalTo("g"))
                .body("items[0].featuredBy", nullValue());
        get("/videos?code=" + tag + "&sort=-score&expand=author.videos").statusCode(200)
                .body("items", hasSize(2)).body("items.author.videos.code", everyItem(contains(tag + " hi", tag + " lo")));
    }

    @Test
    void badPathsAreRejectedByName() {
        assertProblem(get("/authors/1?expand=videos,vidoes"), 400, "validation")
                .body("violations[0].field", equalTo("expand"))
                .body("violations[0].message", containsString("unknown relationship 'vidoes'"))
                .body("violations[0].message", containsString("author relationships: credits, featuredVideo, videos"));
        assertProblem(get("/videos?expand=credits.video"), 400, "validation")
                .body("violations[0].message", containsString("'credits.video' names an unknown relationship 'video'"));
        assertProblem(get("/videos/1?expand=author..videos"), 400, "validation")
                .body("violations[0].message", containsString("empty relationship name"));
        assertProblem(get("/authors?expand=videos,"), 400, "validation");
        assertProblem(get("/authors/1?expand=videos.author.videos.author.videos"), 400, "validation")
                .body("violations[0].message", containsString("deeper than 4"));
        assertProblem(get("/authors?expand=" + "videos,".repeat(100) + "videos"), 400, "validation")
                .body("violations[0].message", containsString("longer than"));
    }

    /**
     * Each expansion level costs at most {@link io.reelgraph.graph.ViewLoader}'s statements for the types it
     * reaches: 1 for the root author, 2 for its videos, 1 for the authors credited on them.
     */
    @Test
    void statementsDoNotGrowWithTheGraph() {
        long small = authorWithChildren(1);
        long large = authorWithChildren(200);
        String expand = "?expand=videos.credits.author,featuredVideo,credits.video";

        long smallCount = db.statementsFor("/authors/" + small + expand, 200);
        long largeCount = db.statementsFor("/authors/" + large + expand, 200);
        assertEquals(1 + 2 + 1, smallCount);
        assertEquals(smallCount, largeCount);
        // the first page of each list is embedded, whole where expanded
        get("/authors/" + large + expand)
                .body("videos", hasSize(20))
                .body("more.videos.total", equalTo(200))
                .body("videos.credits.author.name.flatten()", hasSize(20))
                .body("videos[19].credits[0].author.credits.code", contains("u20", "w20"))
                .body("credits", hasSize(20))
                .body("credits.video.code", everyItem(startsWith("w")))
                .body("credits[0].video.credits", hasSize(2));

        // a page: count, ids, then 2 for the videos and 1 for their authors
        String page = "/videos?size=100&expand=featuredBy,credits.author&authorId=";
        assertEquals(2 + 2 + 1, db.statementsFor(page + small, 200));
        assertEquals(2 + 2 + 1, db.statementsFor(page + large, 200));
        get(page + large).body("items", hasSize(100)).body("items.credits.author.credits.flatten()", hasSize(200));
    }

    /**
     * The worst expansions a client can ask of a large graph are bounded by {@link Expander#MAX_EMBEDDED}: past it,
     * a request is refused as soon as a level's size is known, and what is allowed costs a few statements.
     */
    @Test
    void pathologicalExpansionsAreBounded() {
        long author = heavyAuthor(200);
        // 100 videos -> their author (42 objects) -> its first 20 videos -> their 2 credited authors (42 each):
        // 16,200 objects are known before the last level, which holds 168,000
        String tooMuch = "/videos?size=100&authorId=" + author + "&expand=author.videos.credits.author";
        db.assertUnchangedBy(() -> {
            // count, ids, the page's videos (2), their author (1), its videos (none: they are the page's own, read
            // once), their authors (1)
            assertEquals(6, db.statementsFor(tooMuch, 400));
        });
        assertProblem(get(tooMuch), 400, "validation")
                .body("violations[0].message", containsString("more than " + Expander.MAX_EMBEDDED));
        double refusedRate = rate(tooMuch, 400);

        // one level less: 100 times the author, each with its first 20 videos whole
        String heaviest = "/videos?size=100&authorId=" + author + "&expand=author.videos";
        get(heaviest).statusCode(200).body("items.author.videos.flatten()", hasSize(100 * 20));
        long statements = db.statementsFor(heaviest, 200);
        assertEquals(5, statements);
        System.out.printf("[expand limits] over the limit: refused at %.0f req/s after 6 statements;"
                + " heaviest allowed (12,200 objects): %.0f req/s, %d statements each%n",
                refusedRate, rate(heaviest, 200), statements);
    }

    /**
     * Lists and streams read their page's ids in a Hibernate Reactive session and their views on connections of
     * their own: many at once, more than the pool has connections, must all complete, none waiting on another.
     */
    @Test
    void manyExpandedListsAtOnceAllComplete() {
        long author = authorWithChildren(20);
        List<CompletableFuture<Integer>> responses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String path = i % 2 == 0 ? "/videos?size=100&expand=author,credits.author&authorId=" + author
                    : "/authors?expand=videos.credits.author&name=co";
            responses.add(Http.CLIENT.sendAsync(Http.request(port, path)
                    .header("Accept", i % 4 == 1 ? "application/x-ndjson" : "application/json")
                    .timeout(Duration.ofSeconds(8)).build(), HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode));
        }
        assertEquals(Set.of(200), responses.stream().map(CompletableFuture::join).collect(Collectors.toSet()));
    }

    private static double rate(String path, int status) {
        int requests = 20;
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            get(path).statusCode(status);
        }
        return requests / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * An author who uploads {@code children} videos u1.. (featuring u1) and is credited on as many others w1..; a
     * co-author of its own is credited on each pair ui and wi. Built with SQL (MariaDB's sequence engine), so that
     * large graphs are quick to make; ids of one statement are consecutive.
     */
    private long authorWithChildren(int children) {
        long author = Api.createAuthor("root");
        long firstVideo = nextId("video");
        db.update("INSERT INTO video (code, author_id) SELECT CONCAT('u', seq), ? FROM seq_1_to_" + children, author);
        db.update("INSERT INTO video (code) SELECT CONCAT('w', seq) FROM seq_1_to_" + children);
        long firstCoauthor = nextId("author");
        db.update("INSERT INTO author (name) SELECT CONCAT('co', seq) FROM seq_1_to_" + children);
        db.update("INSERT INTO video_author (author_id, video_id, extra_data)"
                + " SELECT ?, id, 'x' FROM video WHERE id >= ? AND code LIKE 'w%'", author, firstVideo);
        db.update("INSERT INTO video_author (author_id, video_id, extra_data)"
                + " SELECT c.id, v.id, 'co' FROM author c JOIN video v"
                + " ON v.id >= ? AND SUBSTRING(v.code, 2) = SUBSTRING(c.name, 3) WHERE c.id >= ?",
                firstVideo, firstCoauthor);
        db.update("UPDATE author SET featured_video_id = ? WHERE id = ?", firstVideo, author);
        return author;
    }

    /** An author featuring one of {@code children} uploads, credited on each of them alongside one co-author. */
    private long heavyAuthor(int children) {
        long author = Api.createAuthor("heavy");
        long coauthor = Api.createAuthor("co");
        db.update("INSERT INTO video (code, author_id) SELECT CONCAT('e', seq), ? FROM seq_1_to_" + children, author);
        db.update("INSERT INTO video_author (author_id, video_id, extra_data)"
                + " SELECT a.id, v.id, 'x' FROM video v, author a WHERE v.author_id = ? AND a.id IN (?, ?)",
                author, author, coauthor);
        db.update("UPDATE author SET featured_video_id = (SELECT MIN(id) FROM video WHERE author_id = ?) WHERE id = ?",
                author, author);
        return author;
    }

    private long nextId(String table) {
        return db.count("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table);
    }

}

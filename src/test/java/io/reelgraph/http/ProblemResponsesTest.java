package io.reelgraph.http;

import static io.reelgraph.support.Api.assertProblem;
import static io.reelgraph.support.Api.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Database;
import io.reelgraph.support.Tokens;

/** Whatever a client sends, the answer is a problem body with a 4xx status, and nothing is written. */
@QuarkusTest
class ProblemResponsesTest {

    @Inject
    Database db;

    @Test
    void malformedAndMistypedBodies() {
        db.assertUnchangedBy(() -> {
            assertProblem(json("{\"name\":").post("/authors").then(), 400, "malformed-request")
                    .body("detail", containsString("not valid JSON"));
            assertProblem(json("not json").post("/videos").then(), 400, "malformed-request");
            assertProblem(json("[]").post("/authors").then(), 400, "malformed-request");
            assertProblem(json("{\"name\":5}").post("/authors").then(), 400, "malformed-request")
                    .body("detail", equalTo("Field 'name' has the wrong type or format"));
            assertProblem(json("{\"name\":[\"x\"]}").post("/authors").then(), 400, "malformed-request");
            assertProblem(json("{\"name\":\"x\",\"featuredVideoId\":1.5}").post("/authors").then(), 400,
                    "malformed-request");
            assertProblem(json("{\"name\":\"x\",\"featuredVideoId\":99999999999999999999}").post("/authors").then(),
                    400, "malformed-request");
            assertProblem(json("{\"code\":\"x\",\"credits\":{}}").post("/videos").then(), 400, "malformed-request")
                    .body("detail", equalTo("Field 'credits' has the wrong type or format"));
            assertProblem(json("{\"name\":\"x\",\"videos\":[null]}").post("/authors").then(), 400, "validation");
            assertProblem(json("null").post("/authors").then(), 400, "validation");
        });
    }

    @Test
    void unknownFieldsAreNamed() {
        db.assertUnchangedBy(() -> assertProblem(json("{\"name\":\"x\",\"featuredVideoID\":1}").post("/authors")
                .then(), 400, "malformed-request").body("detail", equalTo("Unknown field 'featuredVideoID'")));
    }

    @Test
    void malformedPathAndQueryParameters() {
        assertProblem(given().get("/authors/abc").then(), 400, "malformed-request");
        assertProblem(given().get("/videos/99999999999999999999999").then(), 400, "malformed-request");
        assertProblem(given().get("/videos?authorId=x").then(), 400, "malformed-request");
        assertProblem(given().get("/videos?page=1.5").then(), 400, "malformed-request");
    }

    @Test
    void oversizedBodiesAre413AndWriteNothing() {
        String huge = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        db.assertUnchangedBy(() -> assertProblem(json(huge).post("/authors").then(), 413, "http")
                .body("detail", containsString("larger than 1048576 bytes")));
    }

    @Test
    void plainHttpErrors() {
        assertProblem(given().get("/nowhere").then(), 404, "http");
        assertProblem(given().patch("/authors/1").then(), 405, "http");
        assertProblem(given().header("Authorization", Tokens.editor()).contentType("text/plain").body("name=x")
                .post("/authors").then(), 415, "http");
        assertProblem(given().accept("application/xml").get("/authors").then(), 406, "http");
    }
}

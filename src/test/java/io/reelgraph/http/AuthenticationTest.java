package io.reelgraph.http;

import static io.reelgraph.support.Api.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.reelgraph.support.Tokens;
import io.restassured.specification.RequestSpecification;

/** Reads are open; every write needs a valid bearer token with the editor role, else a 401/403 problem. */
@QuarkusTest
class AuthenticationTest {

    @Inject
    Database db;

    @Test
    void writesWithoutAValidTokenAre401AndWriteNothing() {
        long author = Api.createAuthor("guarded");
        db.assertUnchangedBy(() -> {
            for (String token : new String[] { null, "Bearer not.a.jwt", "Basic dXNlcjpwYXNz", Tokens.expired(),
                    Tokens.fromIssuer("someone-else"), Tokens.forged(), Tokens.unsigned() }) {
                assertProblem(withToken(token).body("{\"name\":\"intruder\"}").post("/authors").then(), 401,
                        "unauthenticated").header("WWW-Authenticate", equalTo("Bearer"));
                assertProblem(withToken(token).body("{\"name\":\"intruder\"}").put("/authors/" + author).then(),
                        401, "unauthenticated");
                assertProblem(withToken(token).delete("/authors/" + author).then(), 401, "unauthenticated");
            }
        });
    }

    @Test
    void writesWithoutTheEditorRoleAre403() {
        long video = Api.createVideo("guarded");
        db.assertUnchangedBy(() -> {
            assertProblem(withToken(Tokens.withRoles("viewer")).body("{\"code\":\"x\"}").put("/videos/" + video)
                    .then(), 403, "forbidden");
            assertProblem(withToken(Tokens.withRoles()).delete("/videos/" + video).then(), 403, "forbidden");
        });
    }

    @Test
    void readsAreOpenWhateverTheToken() {
        long author = Api.createAuthor("public");
        given().get("/authors/" + author).then().statusCode(200);
        withToken("Bearer not.a.jwt").get("/authors/" + author).then().statusCode(200);
        withToken(Tokens.expired()).get("/videos").then().statusCode(200);
    }

    @Test
    void testsGetNoDevTokenEndpoint() {
        given().get("/dev/token").then().statusCode(404);
    }

    @Test
    void anEditorWrites() {
        withToken(Tokens.editor()).body("{\"name\":\"editor's\"}").post("/authors").then().statusCode(201);
    }

    private static RequestSpecification withToken(String authorization) {
        RequestSpecification request = given().contentType("application/json");
        return authorization == null ? request : request.header("Authorization", authorization);
    }
}

package io.reelgraph;

import static io.reelgraph.support.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Metrics;

@QuarkusTest
class PlatformEndpointsTest {

    @Test
    void openApiDescribesTheApi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/authors/{id}/featured-video'.put", notNullValue())
                .body("paths.'/videos/{videoId}/credits/{authorId}'.put", notNullValue())
                .body("components.schemas.AuthorCreate.properties.credits", notNullValue())
                .body("paths.'/authors'.post.requestBody.content.'application/json'.examples.size()", equalTo(3))
                .body("paths.'/videos'.post.requestBody.content.'application/json'.examples.size()", equalTo(3))
                .body("paths.'/authors/{id}'.get.responses.'200'", notNullValue())
                .body("paths.'/authors/{id}'.get.responses.'404'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/authors/{id}/featured-video'.put.responses.keySet()", hasItems("200", "400", "404", "409"))
                .body("components.schemas.Problem.properties.violations", notNullValue())
                .body("components.securitySchemes.bearerToken.scheme", equalTo("bearer"))
                .body("paths.'/authors'.post.security", notNullValue());
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void metricsCountRequestsByRouteAndTheGraphWritten() {
        double nodes = metric("reelgraph_graph_nodes_created_total");
        double edges = metric("reelgraph_graph_edges_created_total");
        long author = Api.createAuthor("counted");
        post("/videos", """
                {"code":"counted","authorId":%d,"featuredBy":{"name":"new"},
                 "credits":[{"author":{"name":"newer"}},{"authorId":%d}]}""".formatted(author, author))
                .statusCode(201);

        assertEquals(nodes + 1 + 3, metric("reelgraph_graph_nodes_created_total"));
        assertEquals(edges + 4, metric("reelgraph_graph_edges_created_total"));
        assertTrue(Metrics.sum("http_server_requests_seconds_count", "application=\"reelgraph\"", "method=\"POST\"",
                "outcome=\"SUCCESS\"", "problem=\"none\"", "status=\"201\"", "uri=\"/videos\"") >= 1);
        given().get("/q/metrics").then().statusCode(200).body(containsString("sql_pool_"));
    }

    private static double metric(String name) {
        return Metrics.sum(name);
    }

    @Test
    void healthChecksIncludeTheDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database reachable"))
                // Quarkus's own check reports one pooled connection, not the database (database.DatabaseReachable)
                .body("checks.name", not(hasItem(containsString("Reactive MySQL connections health check"))));
    }
}

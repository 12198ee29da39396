package io.reelgraph.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The contract (/q/openapi) as a client generator reads it: a unique operationId on every operation, a schema for
 * every success that has a body, each list's JSON page first with its NDJSON stream described by its item type, and
 * the bounded shapes (page totals and next links, a view's more).
 */
@QuarkusTest
class OpenApiContractTest {

    private static JsonPath contract() {
        return given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void everyOperationHasAUniqueIdAndDescribedSuccesses() {
        JsonPath contract = contract();
        Map<String, Map<String, Map<String, Object>>> paths = contract.getMap("paths");
        Set<String> ids = new HashSet<>();
        List<String> operations = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            String id = (String) operation.get("operationId");
            assertNotNull(id, method + " " + path + " has no operationId");
            assertTrue(ids.add(id), id + " is used twice");
            operations.add(id);
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            responses.forEach((status, response) -> {
                if (status.startsWith("2") && !status.equals("204")) {
                    Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) response.get("content");
                    assertNotNull(content, status + " of " + id + " has no body described");
                    content.forEach((type, media) -> assertNotNull(media.get("schema"), type + " of " + id));
                }
            });
        }));
        paths.forEach((path, item) -> item.forEach((method, operation) -> assertEquals(
                method.equals("get") ? List.of() : List.of(Map.of("bearerToken", List.of("editor"))),
                operation.get("security"), method + " " + path + ": reads are open, writes need an editor")));
        assertTrue(operations.containsAll(List.of("listAuthors", "createAuthor", "getAuthor", "listVideos",
                "putCredit", "deleteCredit", "getNeighbourhood", "importGraph", "listAuthorVideos")), operations.toString());
        assertEquals("#/components/schemas/AuthorView",
                contract.getString("paths.'/authors'.post.responses.'201'.content.'application/json'.schema.'$ref'"));
        assertEquals("#/components/schemas/VideoView", contract.getString(
                "paths.'/authors/{id}/videos'.post.responses.'201'.content.'application/json'.schema.'$ref'"));
    }

    @Test
    void listsAnswerTheirJsonPageFirstAndDescribeTheirStream() {
        JsonPath contract = contract();
        Map<String, String> lists = Map.of("/authors", "AuthorView", "/videos", "VideoView",
                "/authors/{id}/videos", "VideoSummary", "/authors/{id}/credits", "CreditedVideo",
                "/videos/{id}/credits", "CreditedAuthor");
        lists.forEach((path, item) -> {
            String ok = "paths.'" + path + "'.get.responses.'200'.content";
            Map<String, Object> content = contract.getMap(ok);
            assertEquals(List.of("application/json", "application/x-ndjson"), new ArrayList<>(content.keySet()), path);
            String page = contract.getString(ok + ".'application/json'.schema.'$ref'");
            assertEquals("#/components/schemas/" + item,
                    contract.getString(ok + ".'application/x-ndjson'.schema.'$ref'"), path);
            String schema = "components.schemas." + page.substring(page.lastIndexOf('/') + 1) + ".properties";
            assertEquals("#/components/schemas/" + item, contract.getString(schema + ".items.items.'$ref'"), path);
            assertTrue(contract.getMap(schema).keySet().containsAll(List.of("total", "totalExact", "next")), path);
            List<String> parameters = contract.getList("paths.'" + path + "'.get.parameters.name");
            assertTrue(parameters.containsAll(List.of("size", "sort", "cursor", "page")), path + ": " + parameters);
        });
        assertNotNull(contract.get("components.schemas.AuthorView.properties.more"));
        assertNotNull(contract.get("components.schemas.AuthorMore.properties.videos"));
        assertNotNull(contract.get("components.schemas.VideoView.properties.more"));
        assertNotNull(contract.get("components.schemas.MoreLinks.properties.totalExact"));
        // an embedded author or video is one type, whole or a reference: no oneOf a client could not tell apart
        assertEquals("#/components/schemas/AuthorView", contract.getString("components.schemas.AuthorNode.'$ref'"));
        assertEquals("#/components/schemas/VideoView", contract.getString("components.schemas.VideoNode.'$ref'"));
    }

    /**
     * Every error response is a Problem (the 401 and 403 of secured operations too), every operation names the
     * statuses it can give, path parameters come in the path's order (generated methods take them by position), and
     * the ETag a PUT's If-Match needs is a described header.
     */
    @Test
    void everyErrorIsAProblemAndParametersComeInPathOrder() {
        JsonPath contract = contract();
        Map<String, Map<String, Map<String, Object>>> paths = contract.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            String id = (String) operation.get("operationId");
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            List<String> expected = new ArrayList<>(List.of("400", "500", "503"));
            if (!method.equals("get")) {
                expected.addAll(List.of("401", "403", "409"));
            }
            if (responses.keySet().stream().anyMatch(status -> status.startsWith("2") && !status.equals("204"))) {
                expected.add("406");
            }
            if (((List<Map<String, String>>) operation.getOrDefault("parameters", List.of())).stream()
                    .anyMatch(parameter -> parameter.get("name").equals("If-Match"))) {
                expected.add("412");
            }
            if (operation.get("requestBody") != null) {
                expected.addAll(List.of("413", "415"));
            }
            assertTrue(responses.keySet().containsAll(expected), id + ": " + responses.keySet());
            responses.forEach((status, response) -> {
                if (status.compareTo("400") >= 0) {
                    assertEquals(Map.of("application/problem+json", Map.of("schema", Map.of("$ref",
                            "#/components/schemas/Problem"))), response.get("content"), status + " of " + id);
                }
            });
            List<String> inPath = new ArrayList<>();
            Matcher names = Pattern.compile("\\{(\\w+)}").matcher(path);
            while (names.find()) {
                inPath.add(names.group(1));
            }
            List<Map<String, String>> parameters = (List<Map<String, String>>) operation.getOrDefault("parameters",
                    List.of());
            assertEquals(inPath, parameters.stream().limit(inPath.size()).map(p -> p.get("name")).toList(), id);
        }));
        assertEquals("#/components/headers/ETag",
                contract.getString("paths.'/authors/{id}'.get.responses.'200'.headers.ETag.'$ref'"));
        assertEquals("#/components/headers/ETag",
                contract.getString("paths.'/videos/{id}'.put.responses.'200'.headers.ETag.'$ref'"));
        assertNotNull(contract.get("paths.'/graph'.get.responses.'404'"), "a start node that does not exist");
        assertNotNull(contract.get("info.license.identifier"), "OpenAPI 3.1 wants an identifier or a URL");
        // the request examples live in components and every reference to one resolves
        Map<String, Object> examples = contract.getMap("components.examples");
        List<String> refs = new ArrayList<>();
        Matcher ref = Pattern.compile("\"#/components/examples/([^\"]+)\"").matcher(contract.prettify());
        while (ref.find()) {
            refs.add(ref.group(1));
        }
        assertTrue(refs.size() >= 10, refs.toString());
        assertTrue(examples.keySet().containsAll(refs), refs + " in " + examples.keySet());
    }
}

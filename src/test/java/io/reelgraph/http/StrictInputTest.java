package io.reelgraph.http;

import static io.reelgraph.support.Api.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.Database;
import io.reelgraph.support.Tokens;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/**
 * Bodies that are not exactly one well-formed JSON document in UTF-8, and text a catalogue must not hold, are 400
 * problems on every endpoint that takes a body, {@code POST /graph} included, and write nothing.
 */
@QuarkusTest
class StrictInputTest {

    /** A write of each kind that takes a body, and a valid body for it with one field of text at {@code %s}. */
    private static final Map<String, String> WRITES = Map.of(
            "POST /authors", "{\"name\":%s}",
            "POST /videos", "{\"code\":\"c\",\"img\":%s}",
            "PUT /authors/%d", "{\"name\":%s}",
            "PUT /videos/%v/credits/%d", "{\"extraData\":%s}",
            "POST /graph", "{\"nodes\":[{\"id\":\"a\",\"type\":\"author\",\"name\":%s}]}");

    @Inject
    Database db;

    @Test
    void anythingAfterTheDocumentIsRefused() {
        for (String trailing : List.of(" {\"name\":\"again\"}", "x", "]", ",", "null", "\"\"", "{}")) {
            refusedByEach((write, body) -> assertProblem(send(write, body.formatted("\"ok\"") + trailing), 400,
                    "malformed-request"));
        }
        // whitespace after it is fine
        each((write, body) -> send(write, body.formatted("\"trailing space\"") + " \n\t").statusCode(
                write.startsWith("PUT /authors") ? 200 : 201).contentType(containsString("json")));
    }

    @Test
    void aKeyRepeatedAtAnyDepthIsRefused() {
        db.assertUnchangedBy(() -> {
            assertProblem(send("POST /authors", "{\"name\":\"a\",\"name\":\"b\"}"), 400, "malformed-request")
                    .body("detail", containsString("Duplicate field 'name'"));
            assertProblem(send("POST /authors", "{\"name\":\"a\",\"featuredVideo\":{\"code\":\"x\",\"code\":\"y\"}}"),
                    400, "malformed-request");
            assertProblem(send("POST /graph", "{\"nodes\":[{\"id\":\"a\",\"id\":\"b\",\"type\":\"author\","
                    + "\"name\":\"n\"}]}"), 400, "malformed-request");
            assertProblem(send("PUT /videos/%v/credits/%d", "{\"extraData\":\"a\",\"extraData\":\"a\"}"), 400,
                    "malformed-request");
        });
    }

    @Test
    void bytesThatAreNotWellFormedUtf8AreRefusedBeforeAnyIsDecoded() {
        List<String> malformed = List.of(
                "80", // a continuation byte alone
                "c3", // a lead byte with nothing after it
                "c328", // a lead byte and a byte that does not continue it
                "c080", "c1bf", "e08080", "e09fbf", "f0808080", "f08fbfbf", // non-shortest forms
                "eda080", "edbfbf", // surrogates, encoded
                "f4908080", "f5808080", "f8888080 80", "ff", "fe"); // past U+10FFFF, or no UTF-8 at all
        for (String hex : malformed) {
            byte[] bad = HexFormat.of().parseHex(hex.replace(" ", ""));
            refusedByEach((write, body) -> assertProblem(sendBytes(write, withText(body, bad)), 400,
                    "malformed-request").body("detail", equalTo("The body is not well-formed UTF-8")));
        }
        // the same bytes well formed are fine: a 4-byte emoji and a 3-byte symbol
        each((write, body) -> sendBytes(write, withText(body, HexFormat.of().parseHex("f09f8eace2889a")))
                .statusCode(write.startsWith("PUT /authors") ? 200 : 201));
    }

    @Test
    void controlAndBidiCharactersAreRefusedNamingTheField() {
        for (String text : List.of("a\\u0000b", "tab\\there", "new\\nline", "\\u007f", "\\u0085", "\\u2028",
                "\\u202eevil", "\\u2066x", "\\ufffe", "\\ufdd0", "\\udbff\\udfff")) {
            db.assertUnchangedBy(() -> {
                String quoted = "\"" + text + "\"";
                assertProblem(send("POST /authors", "{\"name\":" + quoted + "}"), 400, "validation")
                        .body("violations[0].field", equalTo("name"));
                assertProblem(send("POST /videos", "{\"code\":" + quoted + "}"), 400, "validation")
                        .body("violations[0].field", equalTo("code"));
                assertProblem(send("POST /videos", "{\"code\":\"c\",\"img\":" + quoted + "}"), 400, "validation")
                        .body("violations[0].field", equalTo("img"));
                assertProblem(send("PUT /videos/%v/credits/%d", "{\"extraData\":" + quoted + "}"), 400, "validation")
                        .body("violations[0].field", equalTo("extraData"));
                assertProblem(send("POST /authors", "{\"name\":\"n\",\"credits\":[{\"video\":{\"code\":\"c\"},"
                        + "\"extraData\":" + quoted + "}]}"), 400, "validation")
                        .body("violations[0].field", equalTo("credits[0].extraData"));
                assertProblem(send("POST /graph", "{\"nodes\":[{\"id\":\"a\",\"type\":\"author\",\"name\":" + quoted
                        + "},{\"id\":\"v\",\"type\":\"video\",\"code\":\"c\",\"img\":" + quoted + "}]}"), 400,
                        "validation").body("violations.field", equalTo(List.of("/nodes/0/name", "/nodes/1/img")));
                assertProblem(send("POST /graph", "{\"nodes\":[{\"id\":\"a\",\"type\":\"author\",\"name\":\"n\"},"
                        + "{\"id\":\"v\",\"type\":\"video\",\"code\":\"c\"}],\"edges\":[{\"from\":\"a\","
                        + "\"to\":\"v\",\"kind\":\"credit\",\"extraData\":" + quoted + "}]}"), 400, "validation")
                        .body("violations.field", equalTo(List.of("/edges/0/extraData")));
            });
        }
    }

    private interface Write {
        void check(String write, String body);
    }

    /** Each write that takes a body; one that is refused must leave every row as it was. */
    private void each(Write check) {
        WRITES.forEach((write, body) -> {
            try {
                check.check(write, body);
            } catch (AssertionError e) {
                throw new AssertionError(write + ": " + e.getMessage(), e);
            }
        });
    }

    private void refusedByEach(Write check) {
        each((write, body) -> db.assertUnchangedBy(() -> check.check(write, body)));
    }

    private long author;
    private long video;

    @BeforeEach
    void rowsToWriteOn() {
        author = Api.createAuthor("strict");
        video = Api.createVideo("strict");
    }

    private String path(String write) {
        return write.substring(write.indexOf(' ') + 1).replace("%d", String.valueOf(author)).replace("%v",
                String.valueOf(video));
    }

    private ValidatableResponse send(String write, String body) {
        return sendBytes(write, body.getBytes(StandardCharsets.UTF_8));
    }

    private ValidatableResponse sendBytes(String write, byte[] body) {
        return RestAssured.given().header("Authorization", Tokens.editor())
                .contentType("application/json").accept("application/json").body(body)
                .request(write.substring(0, write.indexOf(' ')), path(write)).then();
    }

    /** The body with the text field's value {@code "a<bytes>b"}, the bytes as they are. */
    private static byte[] withText(String body, byte[] bytes) {
        int at = body.indexOf("%s");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((body.substring(0, at) + "\"a").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(("b\"" + body.substring(at + 2)).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}

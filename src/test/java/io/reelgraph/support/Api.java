package io.reelgraph.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Collections;
import java.util.concurrent.atomic.AtomicLong;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Short forms of the REST calls the tests make again and again. */
public final class Api {

    private static final AtomicLong UNIQUE = new AtomicLong(System.nanoTime() % 1_000_000);

    private Api() {
    }

    /** A name no other test uses, so tests never see each other's rows. */
    public static String unique(String prefix) {
        return prefix + String.format("%06d", UNIQUE.incrementAndGet() % 1_000_000);
    }

    /** A JSON request from a client allowed to write (an editor's bearer token). */
    public static RequestSpecification json(String body) {
        return given().header("Authorization", Tokens.editor())
                .contentType(ContentType.JSON).accept(ContentType.JSON).body(body);
    }

    public static ValidatableResponse post(String path, String body) {
        return json(body).post(path).then();
    }

    public static ValidatableResponse put(String path, String body) {
        return json(body).put(path).then();
    }

    public static ValidatableResponse get(String path) {
        return given().accept(ContentType.JSON).get(path).then();
    }

    public static ValidatableResponse delete(String path) {
        return given().header("Authorization", Tokens.editor()).delete(path).then();
    }

    public static long createAuthor(String name) {
        return post("/authors", "{\"name\":\"" + name + "\"}").statusCode(201).extract().jsonPath().getLong("id");
    }

    public static long createVideo(String code) {
        return post("/videos", "{\"code\":\"" + code + "\",\"img\":\"123\",\"score\":9}").statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** Asserts an RFC 9457 problem body of the given status and type. */
    public static ValidatableResponse assertProblem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", equalTo("urn:reelgraph:problem:" + type))
                .body("title", notNullValue())
                .body("detail", notNullValue());
    }

    /** A body for {@code POST /authors}: 100 uploads and 100 credits on new videos, every row marked with {@code name}. */
    public static String largeAuthor(String name) {
        String video = "{\"code\":\"v\",\"img\":\"" + name + "\"}";
        String credit = "{\"video\":" + video + ",\"extraData\":\"" + name + "\"}";
        return "{\"name\":\"" + name + "\",\"videos\":[" + String.join(",", Collections.nCopies(100, video))
                + "],\"credits\":[" + String.join(",", Collections.nCopies(100, credit)) + "]}";
    }
}

package io.reelgraph.http;

import static io.reelgraph.support.BadInput.quote;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;
import io.reelgraph.support.BadInput;
import io.reelgraph.support.Database;
import io.reelgraph.support.Http;
import io.reelgraph.support.Tokens;

/**
 * Ten thousand generated requests across every endpoint. Every answer is a 2xx, or a 4xx problem body; no 5xx;
 * and every rejected write leaves the three tables exactly as they were. Replay a run with
 * {@code -Dreelgraph.generated.seed=<seed>}.
 */
@QuarkusTest
class GeneratedRequestsTest {

    private static final int REQUESTS = 10_000;
    private static final Pattern CREATED_ID = Pattern.compile("^\\{\"id\":(\\d+),");

    @Inject
    Database db;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private final List<Long> authors = new ArrayList<>();
    private final List<Long> videos = new ArrayList<>();
    /** What deletes may hit: rows this run created, never the fixtures the other requests need. */
    private final List<Long> deletableAuthors = new ArrayList<>(List.of(9_000_000_000L));
    private final List<Long> deletableVideos = new ArrayList<>(List.of(9_000_000_000L));

    /**
     * @param badBytes bytes, in hex, sent in the middle of the body's first string: not well-formed UTF-8
     * @param malformed whether the body was made not one JSON document on purpose, which must never be accepted
     */
    private record Call(String method, String path, String body, String token, String badBytes, boolean malformed) {

        Call(String method, String path, String body) {
            this(method, path, body, method.equals("GET") ? null : Tokens.editor(), null, false);
        }
    }

    @Test
    void tenThousandGeneratedRequests() throws IOException, InterruptedException {
        long seed = Long.getLong("reelgraph.generated.seed", 20261125L);
        BadInput in = new BadInput(seed);
        for (int i = 0; i < 3; i++) {
            authors.add(Api.createAuthor("fixture " + i));
            videos.add(Api.createVideo("fixture" + i));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        int rejectedWrites = 0;
        String tables = db.fingerprint();
        for (int i = 0; i < REQUESTS; i++) {
            Call call = malform(authenticate(generate(in), in), in);
            HttpResponse<String> response = send(call);
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            String context = "request " + i + " of seed " + seed + ": " + call.method() + " " + call.path() + " "
                    + abbreviate(call.body()) + (call.badBytes() == null ? "" : " with bytes " + call.badBytes())
                    + " -> " + status + " " + abbreviate(response.body());
            if (status >= 500) {
                fail("5xx for " + context);
            }
            if (status >= 400) {
                assertTrue(response.headers().firstValue("Content-Type").orElse("")
                        .startsWith("application/problem+json"), "not a problem body for " + context);
            }
            if (call.malformed()) {
                assertTrue(status >= 400, "a body that is not one well-formed JSON document was accepted: " + context);
            }
            if (!call.method().equals("GET") && !Tokens.editor().equals(call.token())) {
                assertTrue(status >= 400, "a write without an editor's token was not refused: " + context);
            }
            if (call.method().equals("GET")) {
                continue;
            }
            String after = db.fingerprint();
            if (status >= 400) {
                rejectedWrites++;
                assertEquals(tables, after, "a rejected write changed rows: " + context);
            }
            tables = after;
            remember(call, response);
        }
        System.out.printf("generated requests: %d (seed %d), by status: %s, 5xx: 0, rejected writes that left "
                + "all three tables unchanged: %d%n", REQUESTS, seed, statuses, rejectedWrites);
        assertTrue(statuses.keySet().stream().anyMatch(s -> s < 300), "some requests succeed: " + statuses);
        assertTrue(rejectedWrites > REQUESTS / 5, "most writes are hostile: " + statuses);
    }

    @Test
    void unicodeRoundTripsThroughEveryTextField() {
        List<String> samples = List.of("😀🎬", "e\u0301\u0302", "🎞️‍🔥", "Ωmega ✓", "日本語のタイトル", "𝄞𝄢", "a\u200Db",
                "👩‍👩‍👧‍👦", "ﷺ", "\u0627\u0644\u0639");
        for (String text : samples) {
            long author = Api.post("/authors", "{\"name\":" + quote(text) + "}").statusCode(201)
                    .extract().jsonPath().getLong("id");
            Api.get("/authors/" + author).body("name", equalTo(text));
            String code = text.length() <= 10 ? text : text.substring(0, 8);
            long video = Api.post("/videos", "{\"code\":" + quote(code) + ",\"img\":" + quote(text) + "}")
                    .statusCode(201).extract().jsonPath().getLong("id");
            Api.put("/videos/" + video + "/credits/" + author, "{\"extraData\":" + quote(text) + "}").statusCode(201);
            Api.get("/videos/" + video).body("code", equalTo(code))
                    .body("img", equalTo(text))
                    .body("credits[0].extraData", equalTo(text));
            assertEquals(text, db.row("SELECT name FROM author WHERE id = ?", author).get("name"));
        }
        // half of a surrogate pair is not text: it could only be stored mangled
        db.assertUnchangedBy(() -> Api.assertProblem(Api.post("/authors", "{\"name\":\"a\\ud83d\"}"), 400,
                "malformed-request").body("detail", equalTo("Field 'name' has the wrong type or format")));
    }

    private Call generate(BadInput in) {
        String author = in.pathId(authors);
        String video = in.pathId(videos);
        Supplier<String> videoObject = () -> in.jsonObject(1, List.of("code", "img", "score"), videoFields(in));
        Supplier<String> authorObject = () -> in.jsonObject(1, List.of("name"),
                Map.of("name", () -> quote(in.text())));
        Supplier<String> id = () -> in.chance(50) ? String.valueOf(in.oneOf(in.chance(50) ? authors : videos))
                : in.numberToken();
        return switch (in.oneOf(List.of("listAuthors", "listVideos", "getAuthor", "getVideo", "authorVideos",
                "authorCredits", "videoCredits", "postAuthor", "postVideo", "putAuthor", "putVideo", "deleteAuthor",
                "deleteVideo", "feature", "unfeature", "featuredBy", "clearFeaturedBy", "setAuthor", "clearAuthor",
                "upload", "putCredit", "deleteCredit", "graph", "importGraph"))) {
            case "listAuthors" -> get("/authors" + query(in, "name", "page", "size", "sort", "cursor", "expand"));
            case "listVideos" -> get("/videos" + query(in, "code", "minScore", "authorId", "page", "size", "sort",
                    "cursor", "expand"));
            case "getAuthor" -> get("/authors/" + author + query(in, "expand"));
            case "getVideo" -> get("/videos/" + video + query(in, "expand"));
            case "graph" -> get("/graph" + query(in, "author", "video", "depth", "limit"));
            case "importGraph" -> new Call("POST", "/graph", in.jsonObject(0, List.of("nodes", "edges"), Map.of(
                    "nodes", () -> "[" + graphNode(in, id) + "," + graphNode(in, id) + "]",
                    "edges", () -> "[" + in.jsonObject(1, List.of("from", "to", "kind", "extraData"), Map.of(
                            "from", () -> quote(in.oneOf(List.of("n", "m", "author:" + id.get(), in.text()))),
                            "to", () -> quote(in.oneOf(List.of("n", "m", "video:" + id.get(), in.text()))),
                            "kind", () -> quote(in.oneOf(List.of("upload", "featured", "credit", in.text()))),
                            "extraData", () -> quote(in.text()))) + "]")));
            case "authorVideos" -> get("/authors/" + author + "/videos" + query(in, "page", "size", "sort", "cursor"));
            case "authorCredits" -> get("/authors/" + author + "/credits" + query(in, "page", "size", "sort", "cursor"));
            case "videoCredits" -> get("/videos/" + video + "/credits" + query(in, "page", "size", "sort", "cursor"));
            case "postAuthor" -> new Call("POST", "/authors", in.jsonObject(0,
                    List.of("name", "featuredVideo", "featuredVideoId", "videos", "credits"), Map.of(
                            "name", () -> quote(in.text()),
                            "featuredVideo", videoObject,
                            "featuredVideoId", id,
                            "videos", () -> "[" + videoObject.get() + "," + videoObject.get() + "]",
                            "credits", () -> "[" + in.jsonObject(1, List.of("video", "videoId", "extraData"), Map.of(
                                    "video", videoObject, "videoId", id, "extraData", () -> quote(in.text()))) + "]")));
            case "postVideo" -> new Call("POST", "/videos", in.jsonObject(0,
                    List.of("code", "img", "score", "author", "authorId", "featuredBy", "featuredById", "credits"),
                    Map.of("code", () -> quote(in.text()), "img", () -> quote(in.text()), "score", in::numberToken,
                            "author", authorObject, "authorId", id, "featuredBy", authorObject, "featuredById", id,
                            "credits", () -> "[" + in.jsonObject(1, List.of("author", "authorId", "extraData"), Map.of(
                                    "author", authorObject, "authorId", id, "extraData", () -> quote(in.text())))
                                    + "]")));
            case "putAuthor" -> new Call("PUT", "/authors/" + author, authorObject.get());
            case "putVideo" -> new Call("PUT", "/videos/" + video, videoObject.get());
            case "deleteAuthor" -> new Call("DELETE", "/authors/" + in.pathId(deletableAuthors), null);
            case "deleteVideo" -> new Call("DELETE", "/videos/" + in.pathId(deletableVideos), null);
            case "feature" -> new Call("PUT", "/authors/" + author + "/featured-video",
                    in.jsonObject(0, List.of("videoId"), Map.of("videoId", id)));
            case "unfeature" -> new Call("DELETE", "/authors/" + author + "/featured-video", null);
            case "featuredBy" -> new Call("PUT", "/videos/" + video + "/featured-by",
                    in.jsonObject(0, List.of("authorId"), Map.of("authorId", id)));
            case "clearFeaturedBy" -> new Call("DELETE", "/videos/" + video + "/featured-by", null);
            case "setAuthor" -> new Call("PUT", "/videos/" + video + "/author",
                    in.jsonObject(0, List.of("authorId"), Map.of("authorId", id)));
            case "clearAuthor" -> new Call("DELETE", "/videos/" + video + "/author", null);
            case "upload" -> new Call("POST", "/authors/" + author + "/videos", videoObject.get());
            case "putCredit" -> new Call("PUT", "/videos/" + video + "/credits/" + author,
                    in.jsonObject(0, List.of("extraData"), Map.of("extraData", () -> quote(in.text()))));
            default -> new Call("DELETE", "/videos/" + video + "/credits/" + author, null);
        };
    }

    /** Most writes carry an editor's token; some none, a bad one, or one without the role. */
    private static Call authenticate(Call call, BadInput in) {
        if (call.token() == null || in.chance(85)) {
            return call;
        }
        String token = in.oneOf(List.of("", "Bearer", "Bearer not.a.jwt", "Basic dXNlcjpwYXNz", Tokens.expired(),
                Tokens.withRoles("viewer"), Tokens.fromIssuer("someone-else")));
        return new Call(call.method(), call.path(), call.body(), token.isEmpty() ? null : token, null, false);
    }

    /** Now and then a body that is not exactly one JSON document: more after it, a key twice, bytes not UTF-8. */
    private static Call malform(Call call, BadInput in) {
        if (call.body() == null || !in.chance(10)) {
            return call;
        }
        return switch (in.oneOf(List.of("trailing", "duplicate", "bytes"))) {
            case "trailing" -> new Call(call.method(), call.path(), call.body() + in.oneOf(List.of(" {}", "x", "]",
                    " null", ",")), call.token(), null, true);
            case "duplicate" -> new Call(call.method(), call.path(),
                    call.body().replaceFirst("^\\{\"([^\"]+)\":", "{\"$1\":null,\"$1\":"), call.token(), null,
                    call.body().startsWith("{\""));
            default -> new Call(call.method(), call.path(), call.body(), call.token(),
                    in.oneOf(List.of("80", "c3", "c080", "e09fbf", "eda080", "f4908080", "ff")), call.body().contains("\""));
        };
    }

    private static Map<String, Supplier<String>> videoFields(BadInput in) {
        return Map.of("code", () -> quote(in.text()), "img", () -> quote(in.text()), "score", in::numberToken);
    }

    private static Call get(String pathAndQuery) {
        return new Call("GET", pathAndQuery, null);
    }

    /** A node of an import: new (with a client id, n or m, and fields) or a reference to a row. */
    private static String graphNode(BadInput in, Supplier<String> id) {
        return in.jsonObject(1, List.of("id", "type", "name", "code", "img", "score"), Map.of(
                "id", () -> quote(in.oneOf(List.of("n", "m", "author:" + id.get(), "video:" + id.get(), in.text()))),
                "type", () -> quote(in.oneOf(List.of("author", "video", in.text()))),
                "name", () -> quote(in.text()), "code", () -> quote(in.text()), "img", () -> quote(in.text()),
                "score", in::numberToken));
    }

    /** Relationship paths, mostly almost right: names of both types, empty ones, too deep. */
    private static String expand(BadInput in) {
        List<String> names = List.of("videos", "featuredVideo", "credits", "video", "author", "featuredBy", "", "x");
        List<String> paths = new ArrayList<>();
        for (int path = in.oneOf(List.of(1, 2, 3)); path > 0; path--) {
            List<String> segments = new ArrayList<>();
            for (int depth = in.oneOf(List.of(1, 2, 3, 4, 5)); depth > 0; depth--) {
                segments.add(in.oneOf(names));
            }
            paths.add(String.join(".", segments));
        }
        return String.join(",", paths);
    }

    private static String query(BadInput in, String... names) {
        List<String> params = new ArrayList<>();
        for (String name : names) {
            if (in.chance(40)) {
                String value = name.equals("expand") && in.chance(70) ? expand(in)
                        : name.equals("cursor") && in.chance(70) ? cursor(in)
                                : in.chance(50) ? in.numberToken() : in.text();
                if (value.length() > 200) {
                    value = value.substring(0, 200);
                }
                params.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return params.isEmpty() ? "" : "?" + String.join("&", params);
    }

    /** A cursor of the lists' own form (sort, key, typed value) holding values of any kind. */
    private static String cursor(BadInput in) {
        String value = in.oneOf(List.of("n", "l" + in.numberToken(), "f" + in.numberToken(), "s" + in.text()));
        String text = in.oneOf(List.of("id", "-score", "code", "name", "videoId", in.text())) + "\n" + in.numberToken()
                + "\n" + value;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(Call call) throws IOException, InterruptedException {
        HttpRequest.Builder request = Http.request(port, call.path());
        if (call.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (call.token() != null) {
            request.header("Authorization", call.token());
        }
        request.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(bytes(call)));
        return Http.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(Call call) {
        byte[] text = call.body().getBytes(StandardCharsets.UTF_8);
        int at = call.body().indexOf('"') + 1;
        if (call.badBytes() == null || at == 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(call.body().substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(HexFormat.of().parseHex(call.badBytes()));
        out.writeBytes(call.body().substring(at).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Ids of created authors and videos join the pool, so later requests link to them. */
    private void remember(Call call, HttpResponse<String> response) {
        Matcher created = CREATED_ID.matcher(response.body());
        if (response.statusCode() == 201 && created.find()) {
            long newId = Long.parseLong(created.group(1));
            boolean author = call.path().equals("/authors");
            (author ? authors : videos).add(newId);
            (author ? deletableAuthors : deletableVideos).add(newId);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}

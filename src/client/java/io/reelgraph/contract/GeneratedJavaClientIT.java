package io.reelgraph.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.reelgraph.client.ApiClient;
import io.reelgraph.client.ApiException;
import io.reelgraph.client.ApiResponse;
import io.reelgraph.client.api.AuthorsApi;
import io.reelgraph.client.api.GraphApi;
import io.reelgraph.client.api.VideosApi;
import io.reelgraph.client.model.AuthorCreate;
import io.reelgraph.client.model.AuthorCreateCredit;
import io.reelgraph.client.model.AuthorFields;
import io.reelgraph.client.model.AuthorView;
import io.reelgraph.client.model.CreditFields;
import io.reelgraph.client.model.CreditView;
import io.reelgraph.client.model.GraphDocument;
import io.reelgraph.client.model.GraphDocumentEdge;
import io.reelgraph.client.model.GraphDocumentNode;
import io.reelgraph.client.model.GraphEdge;
import io.reelgraph.client.model.GraphNode;
import io.reelgraph.client.model.GraphView;
import io.reelgraph.client.model.ImportResult;
import io.reelgraph.client.model.PageViewAuthorView;
import io.reelgraph.client.model.PageViewCreditedAuthor;
import io.reelgraph.client.model.Problem;
import io.reelgraph.client.model.VideoCreate;
import io.reelgraph.client.model.VideoCreateCredit;
import io.reelgraph.client.model.VideoFields;
import io.reelgraph.client.model.VideoLink;
import io.reelgraph.client.model.VideoView;
import io.reelgraph.devdb.EmbeddedMariaDbTestResource;
import io.reelgraph.support.Api;
import io.reelgraph.support.Jdbc;
import io.reelgraph.support.PackagedApp;
import io.reelgraph.support.Processes;
import io.reelgraph.support.Tokens;

/**
 * The Java client that OpenAPI Generator makes from the contract the build wrote (java, native library,
 * asynchronous: target/clients/java), used as another service would use it, against the packaged application: the
 * note's three scripts, a list read page by page, {@code expand}, {@code GET} and {@code POST /graph}, a credit put
 * and deleted, and a 409, a 412, a 400 and a 404 read as {@link Problem}s. What each write did is checked in the tables.
 */
class GeneratedJavaClientIT {

    private static PackagedApp app;
    private static Jdbc db;
    private static ApiClient client;
    private static AuthorsApi authors;
    private static VideosApi videos;
    private static GraphApi graph;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> config = EmbeddedMariaDbTestResource.ownDatabase("reelgraph_clients");
        app = PackagedApp.start(config, List.of(), "generated-java-client.log");
        db = new Jdbc(config);
        client = new ApiClient();
        client.updateBaseUri("http://localhost:" + app.port());
        client.setRequestInterceptor(request -> request.header("Authorization", Tokens.editor()));
        authors = new AuthorsApi(client);
        videos = new VideosApi(client);
        graph = new GraphApi(client);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void featuredVideoSetFromEitherSide() throws Exception {
        AuthorView author = authors.createAuthor(new AuthorCreate().name("test_author")
                .featuredVideo(new VideoFields().code("new_video").img("123").score(9f))).join();
        assertFeatured(author.getId(), author.getFeaturedVideo().getId());

        VideoView video = videos.createVideo(new VideoCreate().code("new_video").img("123").score(9f)
                .featuredBy(new AuthorFields().name("test_author"))).join();
        assertFeatured(video.getFeaturedBy().getId(), video.getId());
    }

    private void assertFeatured(long authorId, long videoId) throws Exception {
        assertEquals(videoId, authors.getAuthor(authorId, null).join().getFeaturedVideo().getId());
        assertEquals(authorId, videos.getVideo(videoId, null).join().getFeaturedBy().getId());
        assertEquals(List.of(Map.of("name", "test_author", "featured_video_id", videoId)),
                db.rows("SELECT name, featured_video_id FROM author WHERE id = ?", authorId));
        assertEquals(List.of(Map.of("code", "new_video", "img", "123", "score", 9.0f)),
                db.rows("SELECT code, img, score FROM video WHERE id = ?", videoId));
    }

    @Test
    void uploadsAddedWithTheAuthorAndOneByOne() throws Exception {
        AuthorView author = authors.createAuthor(new AuthorCreate().name("test_author")
                .addVideosItem(new VideoFields().code("video a").img("123").score(9f))).join();
        VideoView second = authors.uploadVideo(author.getId(), new VideoFields().code("video b").img("456").score(8f))
                .join();

        List<Long> uploads = authors.listAuthorVideos(author.getId(), null, null, null, null).join().getItems()
                .stream().map(video -> video.getId()).toList();
        assertEquals(List.of(author.getVideos().get(0).getId(), second.getId()), uploads);
        assertEquals(author.getId(), videos.getVideo(second.getId(), null).join().getAuthor().getId());
        assertEquals(List.of(Map.of("code", "video a", "author_id", author.getId()),
                Map.of("code", "video b", "author_id", author.getId())),
                db.rows("SELECT code, author_id FROM video WHERE id IN (?, ?) ORDER BY id", uploads.get(0),
                        uploads.get(1)));
    }

    @Test
    void creditsMadeWithTheVideoAndByIdThenPutAndDeleted() throws Exception {
        VideoView a = videos.createVideo(new VideoCreate().code("video a").img("123").score(9f)
                .addCreditsItem(new VideoCreateCredit().author(new AuthorFields().name("author a")).extraData("a a"))
                .addCreditsItem(new VideoCreateCredit().author(new AuthorFields().name("author b")).extraData("a b")))
                .join();
        long authorA = a.getCredits().get(0).getAuthorId();
        long authorB = a.getCredits().get(1).getAuthorId();
        AuthorView both = authors.createAuthor(new AuthorCreate().name("author c")
                .addCreditsItem(new AuthorCreateCredit().videoId(a.getId()).extraData("a c"))).join();

        PageViewCreditedAuthor credits = videos.listVideoCredits(a.getId(), null, null, null, null).join();
        assertEquals(List.of("a a", "a b", "a c"), credits.getItems().stream().map(c -> c.getExtraData()).toList());
        assertEquals(3L, credits.getTotal());

        assertEquals(404, problem(videos.putCredit(a.getId(), both.getId() + 1_000_000,
                new CreditFields().extraData("x"))).getStatus());
        // a changed credit is a 200, a new one a 201
        assertEquals(200, videos.putCreditWithHttpInfo(a.getId(), authorA, new CreditFields().extraData("changed"))
                .join().getStatusCode());
        videos.deleteCredit(a.getId(), authorB).join();

        assertEquals(List.of(Map.of("author_id", authorA, "extra_data", "changed"),
                Map.of("author_id", both.getId(), "extra_data", "a c")),
                db.rows("SELECT author_id, extra_data FROM video_author WHERE video_id = ? ORDER BY author_id",
                        a.getId()));
        ApiResponse<CreditView> again = videos.putCreditWithHttpInfo(a.getId(), authorB,
                new CreditFields().extraData("back")).join();
        assertEquals(201, again.getStatusCode());
        assertEquals("back", again.getData().getExtraData());
    }

    @Test
    void aListReadPageByPageAndByCursor() throws Exception {
        String prefix = Api.unique("page");
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(authors.createAuthor(new AuthorCreate().name(prefix + i)).join().getId());
        }

        PageViewAuthorView second = authors.listAuthors(null, null, prefix, 1, 2, null).join();
        assertEquals(made.subList(2, 4), ids(second));
        assertEquals(5L, second.getTotal());
        assertEquals(3, second.getTotalPages());

        List<Long> followed = new ArrayList<>();
        String cursor = null;
        do {
            PageViewAuthorView page = authors.listAuthors(cursor, null, prefix, null, 2, null).join();
            followed.addAll(ids(page));
            cursor = page.getNext() == null ? null : query(page.getNext(), "cursor");
        } while (cursor != null);
        assertEquals(made, followed);
    }

    @Test
    void expandEmbedsWholeObjects() throws Exception {
        AuthorView author = authors.createAuthor(new AuthorCreate().name("expanded")
                .addVideosItem(new VideoFields().code("up")).addCreditsItem(new AuthorCreateCredit()
                        .video(new VideoFields().code("cred").score(7f)).extraData("x")))
                .join();

        AuthorView plain = authors.getAuthor(author.getId(), null).join();
        assertNull(plain.getCredits().get(0).getVideo(), "a credit names its video by id unless expanded");
        AuthorView expanded = authors.getAuthor(author.getId(), "videos,credits.video").join();
        assertEquals(7f, expanded.getCredits().get(0).getVideo().getScore());
        assertEquals(author.getId(), expanded.getVideos().get(0).getAuthor().getId());
    }

    @Test
    void graphImportedThenReadAsANeighbourhood() throws Exception {
        ImportResult imported = graph.importGraph(new GraphDocument()
                .addNodesItem(new GraphDocumentNode().id("a").type(GraphDocumentNode.TypeEnum.AUTHOR).name("importer"))
                .addNodesItem(new GraphDocumentNode().id("v").type(GraphDocumentNode.TypeEnum.VIDEO).code("imported"))
                .addEdgesItem(new GraphDocumentEdge().from("a").to("v").kind(GraphDocumentEdge.KindEnum.UPLOAD))
                .addEdgesItem(new GraphDocumentEdge().from("a").to("v").kind(GraphDocumentEdge.KindEnum.CREDIT)
                        .extraData("both")))
                .join();
        long author = Long.parseLong(imported.getCreated().get("a").substring("author:".length()));
        long video = Long.parseLong(imported.getCreated().get("v").substring("video:".length()));
        assertEquals(2, imported.getEdges());

        GraphView neighbourhood = graph.getNeighbourhood(author, 1, 10, null).join();
        assertEquals(List.of("author:" + author, "video:" + video),
                neighbourhood.getNodes().stream().map(GraphNode::getId).sorted().toList());
        assertEquals(List.of("credit", "upload"),
                neighbourhood.getEdges().stream().map(GraphEdge::getKind).map(Object::toString).sorted().toList());
        assertEquals(List.of(Map.of("author_id", author, "extra_data", "both")),
                db.rows("SELECT author_id, extra_data FROM video_author WHERE video_id = ?", video));
        assertEquals(List.of(Map.of("author_id", author)), db.rows("SELECT author_id FROM video WHERE id = ?", video));
    }

    @Test
    void conflictsAndStaleVersionsAreTypedProblems() throws Exception {
        AuthorView featuring = authors.createAuthor(new AuthorCreate().name("first")
                .featuredVideo(new VideoFields().code("taken"))).join();
        AuthorView other = authors.createAuthor(new AuthorCreate().name("second")).join();

        Problem conflict = problem(authors.setFeaturedVideo(other.getId(),
                new VideoLink().videoId(featuring.getFeaturedVideo().getId())));
        assertEquals(409, conflict.getStatus());
        assertEquals("urn:reelgraph:problem:conflict", conflict.getType());
        assertEquals(List.of(Map.of("id", other.getId())),
                db.rows("SELECT id FROM author WHERE id = ? AND featured_video_id IS NULL", other.getId()));

        ApiResponse<AuthorView> read = authors.getAuthorWithHttpInfo(other.getId(), null).join();
        String etag = read.getHeaders().get("ETag").get(0);
        authors.updateAuthor(other.getId(), new AuthorFields().name("renamed"), etag).join();
        Problem stale = problem(authors.updateAuthor(other.getId(), new AuthorFields().name("lost"), etag));
        assertEquals(412, stale.getStatus());
        assertEquals("urn:reelgraph:problem:precondition-failed", stale.getType());
        assertEquals(List.of(Map.of("name", "renamed")), db.rows("SELECT name FROM author WHERE id = ?", other.getId()));

        Problem invalid = problem(authors.createAuthor(new AuthorCreate().name(" ")));
        assertEquals(400, invalid.getStatus());
        assertEquals("name", invalid.getViolations().get(0).getField());
    }

    /**
     * The README's example compiles and runs with nothing but the client's jar and the dependencies Maven resolves
     * from its POM: what another service gets from the one dependency.
     */
    @Test
    void theReadmeExampleRunsOnTheClientArtifactAlone() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int marker = readme.indexOf("<!-- java-client-example");
        assertTrue(marker > 0, "the README has the example");
        int start = readme.indexOf("```java\n", marker) + "```java\n".length();
        String example = readme.substring(start, readme.indexOf("```", start));
        Path sources = Files.createDirectories(Path.of("target/client-readme-example"));
        Files.writeString(sources.resolve("Catalogue.java"), "import io.reelgraph.client.*;\n"
                + "import io.reelgraph.client.api.*;\nimport io.reelgraph.client.model.*;\n" + example);

        // the client's dependencies as Maven resolves them from its POM, the way a consumer's build does
        Path resolved = Path.of("target/clients/reelgraph-client.classpath").toAbsolutePath();
        Processes.run(Map.of(), Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(), "-B", "-q", "-f",
                System.getProperty("client.pom"), "org.apache.maven.plugins:maven-dependency-plugin:"
                        + System.getProperty("dependency-plugin.version") + ":build-classpath",
                "-Dmdep.outputFile=" + resolved);
        List<Path> classpath = new ArrayList<>(List.of(Path.of(System.getProperty("client.jar"))));
        for (String jar : Files.readString(resolved).trim().split(File.pathSeparator)) {
            classpath.add(Path.of(jar));
        }
        assertTrue(classpath.stream().anyMatch(jar -> jar.getFileName().toString().startsWith("jackson-databind-")),
                classpath.toString());
        String joined = String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList());
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-classpath", joined, "-d",
                sources.toString(), sources.resolve("Catalogue.java").toString()), "the example compiles");

        List<URL> urls = new ArrayList<>(List.of(sources.toUri().toURL()));
        for (Path jar : classpath) {
            urls.add(jar.toUri().toURL());
        }
        try (URLClassLoader alone = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Method run = alone.loadClass("Catalogue").getDeclaredMethod("createAndRead", String.class, String.class);
            run.setAccessible(true);
            Object ada = run.invoke(null, "http://localhost:" + app.port(), Tokens.editorJwt());
            long id = (Long) ada.getClass().getMethod("getId").invoke(ada);
            assertEquals(List.of(Map.of("name", "Ada", "code", "intro", "author_id", id)), db.rows("SELECT a.name,"
                    + " v.code, v.author_id FROM author a JOIN video v ON v.author_id = a.id WHERE a.id = ?", id));
        }
    }

    /** The problem a failed call answered with, read with the client's own mapper into the generated type. */
    private static Problem problem(CompletableFuture<?> call) throws Exception {
        CompletionException failed = assertThrows(CompletionException.class, call::join);
        ApiException error = assertInstanceOf(ApiException.class, failed.getCause());
        assertTrue(error.getResponseHeaders().firstValue("Content-Type").orElseThrow()
                .startsWith("application/problem+json"));
        Problem problem = client.getObjectMapper().readValue(error.getResponseBody(), Problem.class);
        assertEquals(error.getCode(), problem.getStatus());
        assertNotNull(problem.getDetail());
        return problem;
    }

    private static List<Long> ids(PageViewAuthorView page) {
        return page.getItems().stream().map(AuthorView::getId).toList();
    }

    /** A parameter of a link the API gave ({@code next}): the generated methods take the cursor, not the URL. */
    private static String query(String link, String name) {
        for (String parameter : URI.create(link).getRawQuery().split("&")) {
            if (parameter.startsWith(name + "=")) {
                return URLDecoder.decode(parameter.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError(link + " has no " + name);
    }
}

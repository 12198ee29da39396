package io.reelgraph.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.mutiny.mysqlclient.MySQLClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The raw baseline of {@code bench/run.sh}: the service's heaviest reads and writes done by hand with the reactive
 * {@link Pool} and hand-written SQL, in the same process, so that the benchmark can say how much the service's
 * layers (Hibernate Reactive, RESTEasy, records) cost. Plus two helpers the benchmark needs: seeding and counting
 * statements. Only with {@code reelgraph.bench.raw-baseline.enabled=true} (the {@code bench} profile): the shipped
 * service never has these routes, which are unauthenticated and write freely.
 */
@ApplicationScoped
public class RawBaseline {

    private static final Logger LOG = Logger.getLogger(RawBaseline.class);

    /** As {@code POST /graph}: a bulk import is bigger than the 1 MB every other request is held to. */
    private static final long GRAPH_BODY_LIMIT = 10L * 1024 * 1024;

    /** Rows per keyset query of the stream: one chunk of JSON (~200 kB) in memory at a time. */
    private static final int STREAM_CHUNK = 1000;

    /** Credits per multi-row INSERT of the import. */
    private static final int CREDITS_PER_INSERT = 1000;

    /** The largest MariaDB sequence table the seed uses per request, so that each seed call stays well under 10 s. */
    private static final int MAX_SEED_VIDEOS = 200_000;

    /** The videos an author's expansion needs: its uploads, its featured video and the videos it is credited on. */
    private static final String RELATED_VIDEO_IDS = "SELECT id FROM video WHERE author_id = ?"
            + " UNION SELECT featured_video_id FROM author WHERE id = ?"
            + " UNION SELECT video_id FROM video_author WHERE author_id = ?";

    private static final String AUTHOR = "SELECT name, version, featured_video_id FROM author WHERE id = ?";

    private static final String VIDEO_COLUMNS = "SELECT v.id, v.code, v.img, v.score, v.version, v.author_id, a.name,"
            + " f.id, f.name FROM ";

    private static final String VIDEO_ENDS = " LEFT JOIN author a ON a.id = v.author_id"
            + " LEFT JOIN author f ON f.featured_video_id = v.id";

    private static final String RELATED_VIDEOS = VIDEO_COLUMNS + "(" + RELATED_VIDEO_IDS + ") r"
            + " JOIN video v ON v.id = r.id" + VIDEO_ENDS + " ORDER BY v.id";

    private static final String CREDIT_COLUMNS = "SELECT c.video_id, c.author_id, a.name, c.extra_data FROM ";

    private static final String RELATED_CREDITS = CREDIT_COLUMNS + "(" + RELATED_VIDEO_IDS + ") r"
            + " JOIN video_author c ON c.video_id = r.id JOIN author a ON a.id = c.author_id"
            + " ORDER BY c.video_id, c.author_id";

    // keyset chunks rather than a cursor: MariaDB materializes a cursor's whole result before the first fetch
    private static final String VIDEO_CHUNK = VIDEO_COLUMNS + "video v" + VIDEO_ENDS
            + " WHERE v.id > ? ORDER BY v.id LIMIT " + STREAM_CHUNK;

    private static final String CHUNK_CREDITS = CREDIT_COLUMNS + "video_author c JOIN author a ON a.id = c.author_id"
            + " WHERE c.video_id BETWEEN ? AND ? ORDER BY c.video_id, c.author_id";

    @ConfigProperty(name = "reelgraph.bench.raw-baseline.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    void install(@Observes Router router) {
        if (!enabled) {
            return;
        }
        LOG.warn("Benchmark routes under /bench are enabled: unauthenticated writes, never for production");
        router.get("/bench/statements").handler(this::statements);
        router.get("/bench/raw/counts").handler(this::counts);
        router.post("/bench/raw/seed").handler(this::seed);
        router.get("/bench/raw/authors/:id").handler(this::expandedAuthor);
        router.get("/bench/raw/videos").handler(this::streamVideos);
        router.post("/bench/raw/graph").handler(BodyHandler.create(false).setBodyLimit(GRAPH_BODY_LIMIT))
                .handler(this::importGraph);
    }

    // --- helpers of the benchmark ---------------------------------------------------------------------------------

    /** Statements the server has executed so far, of the four kinds a request can cost (SHOW is none of them). */
    private void statements(RoutingContext context) {
        pool.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_select', 'Com_insert', 'Com_update',"
                + " 'Com_delete')").execute()
                .map(rows -> {
                    long sum = 0;
                    for (Row row : rows) {
                        sum += Long.parseLong(row.getString(1));
                    }
                    return sum;
                })
                .subscribe().with(sum -> text(context, Long.toString(sum)), context::fail);
    }

    private void counts(RoutingContext context) {
        pool.query("SELECT (SELECT COUNT(*) FROM author), (SELECT COUNT(*) FROM video),"
                + " (SELECT COUNT(*) FROM video_author)").execute()
                .map(rows -> rows.iterator().next())
                .subscribe().with(row -> json(context, 200, "{\"authors\":" + row.getLong(0) + ",\"videos\":"
                        + row.getLong(1) + ",\"credits\":" + row.getLong(2) + "}"), context::fail);
    }

    /**
     * {@code POST /bench/raw/seed?videos=N}: N videos with a thousandth as many authors, each uploading a thousand
     * and featuring one; every second video credits the author after its uploader. Generated inside the server from
     * MariaDB's sequence tables (seq_1_to_N), with explicit ids above the current ones. Call it repeatedly for more.
     */
    private void seed(RoutingContext context) {
        int videos;
        try {
            videos = Integer.parseInt(context.queryParams().get("videos"));
        } catch (NumberFormatException e) {
            context.fail(400, e);
            return;
        }
        if (videos < 1 || videos > MAX_SEED_VIDEOS) {
            context.fail(400, new IllegalArgumentException("videos must be 1.." + MAX_SEED_VIDEOS));
            return;
        }
        int authors = Math.max(1, videos / 1000);
        pool.withTransaction(conn -> conn
                .query("SELECT (SELECT COALESCE(MAX(id), 0) FROM author), (SELECT COALESCE(MAX(id), 0) FROM video)")
                .execute().map(rows -> rows.iterator().next())
                .call(max -> conn.preparedQuery("INSERT INTO author (id, name) SELECT ? + seq, CONCAT('seed', ? + seq)"
                        + " FROM seq_1_to_" + authors).execute(Tuple.of(max.getLong(0), max.getLong(0))))
                .call(max -> conn.preparedQuery("INSERT INTO video (id, code, img, score, author_id)"
                        + " SELECT ? + seq, CONCAT('v', ? + seq), CONCAT('img', seq MOD 100), (seq MOD 100) / 10,"
                        + " ? + 1 + seq MOD " + authors + " FROM seq_1_to_" + videos)
                        .execute(Tuple.of(max.getLong(1), max.getLong(1), max.getLong(0))))
                .call(max -> conn.preparedQuery("INSERT INTO video_author (author_id, video_id, extra_data)"
                        + " SELECT ? + 1 + (seq + 1) MOD " + authors + ", ? + seq, 'seeded' FROM seq_1_to_" + videos
                        + " WHERE seq MOD 2 = 0").execute(Tuple.of(max.getLong(0), max.getLong(1))))
                .call(max -> conn.preparedQuery("UPDATE author SET featured_video_id = ? + id - ?"
                        + " WHERE id > ? AND id <= ? + " + authors)
                        .execute(Tuple.of(max.getLong(1), max.getLong(0), max.getLong(0), max.getLong(0)))))
                .subscribe().with(done -> json(context, 201, "{\"authors\":" + authors + ",\"videos\":" + videos
                        + ",\"credits\":" + videos / 2 + "}"), context::fail);
    }

    // --- GET /authors/{id}?expand=videos,featuredVideo,credits.video, by hand ---------------------------------------

    private void expandedAuthor(RoutingContext context) {
        long id;
        try {
            id = Long.parseLong(context.pathParam("id"));
        } catch (NumberFormatException e) {
            context.fail(404);
            return;
        }
        Tuple three = Tuple.of(id, id, id);
        // three independent queries at once, each on its own pooled connection
        Uni.combine().all().unis(
                pool.preparedQuery(AUTHOR).execute(Tuple.of(id)),
                pool.preparedQuery(RELATED_VIDEOS).execute(three),
                pool.preparedQuery(RELATED_CREDITS).execute(three)).asTuple()
                .subscribe().with(rows -> {
                    if (rows.getItem1().size() == 0) {
                        context.fail(404);
                        return;
                    }
                    Row author = rows.getItem1().iterator().next();
                    Map<Long, VideoRow> videos = videoRows(rows.getItem2());
                    List<CreditRow> own = new ArrayList<>();
                    for (CreditRow credit : attachCredits(videos, rows.getItem3())) {
                        if (credit.authorId() == id) {
                            own.add(credit);
                        }
                    }
                    json(context, 200, write(json -> writeAuthor(json, id, author, videos, own)));
                }, context::fail);
    }

    private static void writeAuthor(JsonGenerator json, long id, Row author, Map<Long, VideoRow> videos,
            List<CreditRow> credits) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", id);
        json.writeStringField("name", author.getString("name"));
        json.writeNumberField("version", author.getLong("version"));
        json.writeFieldName("featuredVideo");
        Long featured = author.getLong("featured_video_id");
        if (featured == null) {
            json.writeNull();
        } else {
            writeVideo(json, videos.get(featured));
        }
        json.writeArrayFieldStart("videos");
        for (VideoRow video : videos.values()) {
            if (video.authorId() != null && video.authorId() == id) {
                writeVideo(json, video);
            }
        }
        json.writeEndArray();
        json.writeArrayFieldStart("credits");
        for (CreditRow credit : credits) {
            VideoRow video = videos.get(credit.videoId());
            json.writeStartObject();
            json.writeNumberField("videoId", credit.videoId());
            json.writeStringField("code", video.code());
            json.writeStringField("extraData", credit.extraData());
            json.writeFieldName("video");
            writeVideo(json, video);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    // --- GET /videos as NDJSON, by hand -----------------------------------------------------------------------------

    private void streamVideos(RoutingContext context) {
        HttpServerResponse response = context.response().setChunked(true)
                .putHeader("Content-Type", "application/x-ndjson");
        nextChunk(response, 0);
    }

    /**
     * Writes the videos after {@code afterId}, then asks for the next chunk only once the response can take it:
     * a slow client holds back the queries instead of filling the heap.
     */
    private void nextChunk(HttpServerResponse response, long afterId) {
        pool.preparedQuery(VIDEO_CHUNK).execute(Tuple.of(afterId)).map(RawBaseline::videoRows)
                .chain(videos -> videos.isEmpty() ? Uni.createFrom().item(videos)
                        : pool.preparedQuery(CHUNK_CREDITS).execute(Tuple.of(first(videos), last(videos)))
                                .map(credits -> {
                                    attachCredits(videos, credits);
                                    return videos;
                                }))
                .subscribe().with(videos -> {
                    if (videos.isEmpty()) {
                        response.end();
                        return;
                    }
                    if (response.closed()) {
                        return; // the client went away
                    }
                    response.write(Buffer.buffer(write(json -> {
                        json.setRootValueSeparator(null);
                        for (VideoRow video : videos.values()) {
                            writeVideo(json, video);
                            json.writeRaw('\n');
                        }
                    })));
                    long last = last(videos);
                    if (response.writeQueueFull()) {
                        response.drainHandler(drained -> {
                            response.drainHandler(null);
                            nextChunk(response, last);
                        });
                    } else {
                        nextChunk(response, last);
                    }
                }, failure -> {
                    LOG.error("Raw video stream failed", failure);
                    // the status line is long gone: only a cut connection tells the client the stream is incomplete
                    response.reset();
                });
    }

    // --- POST /graph, by hand ---------------------------------------------------------------------------------------

    /** The {@code POST /graph} document, with the fields the benchmark's documents use. */
    record GraphDocument(List<Node> nodes, List<Edge> edges) {
    }

    record Node(String id, String type, String name, String code, String img, Float score) {
    }

    record Edge(String from, String to, String kind, String extraData) {
    }

    /**
     * Imports a document of new authors and videos and the edges between them in one transaction: a batch of author
     * INSERTs, a batch of video INSERTs that set the uploader, a batch of featured-video UPDATEs, and multi-row
     * credit INSERTs. No validation beyond the database's constraints: this is the floor a service could reach.
     */
    private void importGraph(RoutingContext context) {
        GraphDocument document;
        try {
            document = mapper.readValue(context.body().buffer().getBytes(), GraphDocument.class);
        } catch (IOException e) {
            context.fail(400, e);
            return;
        }
        List<Node> authors = new ArrayList<>();
        List<Node> videos = new ArrayList<>();
        for (Node node : document.nodes()) {
            ("author".equals(node.type()) ? authors : videos).add(node);
        }
        Set<String> nodeIds = document.nodes().stream().map(Node::id).collect(Collectors.toSet());
        if (!document.edges().stream().allMatch(edge -> nodeIds.contains(edge.from()) && nodeIds.contains(edge.to()))) {
            context.fail(400, new IllegalArgumentException("The raw import takes edges between its own nodes only"));
            return;
        }
        Map<String, String> uploaders = new LinkedHashMap<>();
        List<Edge> featured = new ArrayList<>();
        List<Edge> credits = new ArrayList<>();
        for (Edge edge : document.edges()) {
            switch (edge.kind()) {
                case "upload" -> uploaders.put(edge.to(), edge.from());
                case "featured" -> featured.add(edge);
                default -> credits.add(edge);
            }
        }
        Map<String, Long> ids = new LinkedHashMap<>();
        pool.withTransaction(conn -> insertEach(conn, "INSERT INTO author (name) VALUES (?)",
                authors.stream().map(author -> Tuple.of(author.name())).toList())
                .invoke(authorIds -> putIds(ids, authors, authorIds))
                .chain(authorIds -> insertEach(conn, "INSERT INTO video (code, img, score, author_id) VALUES (?, ?, ?, ?)",
                        videos.stream().map(video -> Tuple.of(video.code(), video.img(), video.score(),
                                uploaders.containsKey(video.id()) ? ids.get(uploaders.get(video.id())) : null))
                                .toList()))
                .invoke(videoIds -> putIds(ids, videos, videoIds))
                .call(videoIds -> featured.isEmpty() ? Uni.createFrom().voidItem()
                        : conn.preparedQuery("UPDATE author SET featured_video_id = ? WHERE id = ?").executeBatch(
                                featured.stream().map(edge -> Tuple.of(ids.get(edge.to()), ids.get(edge.from())))
                                        .toList()))
                .call(videoIds -> insertCredits(conn, credits, ids)))
                .subscribe().with(done -> json(context, 201, write(json -> {
                    json.writeStartObject();
                    json.writeObjectFieldStart("created");
                    for (Node node : document.nodes()) {
                        json.writeStringField(node.id(), node.type() + ":" + ids.get(node.id()));
                    }
                    json.writeEndObject();
                    json.writeEndObject();
                })), context::fail);
    }

    /** One INSERT per row in a single batch, returning the generated ids in order. */
    private static Uni<long[]> insertEach(SqlConnection conn, String sql, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(new long[0]);
        }
        return conn.preparedQuery(sql).executeBatch(rows).map(result -> {
            long[] ids = new long[rows.size()];
            int i = 0;
            for (RowSet<Row> one = result; one != null; one = one.next()) {
                ids[i++] = one.property(MySQLClient.LAST_INSERTED_ID);
            }
            return ids;
        });
    }

    private static Uni<Void> insertCredits(SqlConnection conn, List<Edge> credits, Map<String, Long> ids) {
        List<List<Edge>> chunks = new ArrayList<>();
        for (int from = 0; from < credits.size(); from += CREDITS_PER_INSERT) {
            chunks.add(credits.subList(from, Math.min(from + CREDITS_PER_INSERT, credits.size())));
        }
        return Multi.createFrom().iterable(chunks).onItem().transformToUniAndConcatenate(chunk -> {
            StringBuilder sql = new StringBuilder("INSERT INTO video_author (author_id, video_id, extra_data) VALUES ");
            List<Object> values = new ArrayList<>(chunk.size() * 3);
            for (Edge credit : chunk) {
                sql.append(values.isEmpty() ? "(?, ?, ?)" : ", (?, ?, ?)");
                values.add(ids.get(credit.from()));
                values.add(ids.get(credit.to()));
                values.add(credit.extraData());
            }
            return conn.preparedQuery(sql.toString()).execute(Tuple.from(values));
        }).collect().last().replaceWithVoid();
    }

    private static void putIds(Map<String, Long> ids, List<Node> nodes, long[] generated) {
        for (int i = 0; i < generated.length; i++) {
            ids.put(nodes.get(i).id(), generated[i]);
        }
    }

    // --- rows and their JSON, as the service's records write them --------------------------------------------------

    record VideoRow(long id, String code, String img, Float score, long version, Long authorId, String authorName,
            Long featuredById, String featuredByName, List<CreditRow> credits) {
    }

    record CreditRow(long videoId, long authorId, String name, String extraData) {
    }

    /** Rows of {@link #VIDEO_COLUMNS} by id, in the order of the query. */
    private static Map<Long, VideoRow> videoRows(RowSet<Row> rows) {
        Map<Long, VideoRow> videos = new LinkedHashMap<>();
        for (Row row : rows) {
            videos.put(row.getLong(0), new VideoRow(row.getLong(0), row.getString(1), row.getString(2),
                    row.getFloat(3), row.getLong(4), row.getLong(5), row.getString(6), row.getLong(7),
                    row.getString(8), new ArrayList<>()));
        }
        return videos;
    }

    /** Adds the rows of {@link #CREDIT_COLUMNS} to their videos, and returns them. */
    private static List<CreditRow> attachCredits(Map<Long, VideoRow> videos, RowSet<Row> rows) {
        List<CreditRow> credits = new ArrayList<>();
        for (Row row : rows) {
            CreditRow credit = new CreditRow(row.getLong(0), row.getLong(1), row.getString(2), row.getString(3));
            videos.get(credit.videoId()).credits().add(credit);
            credits.add(credit);
        }
        return credits;
    }

    /** The JSON of {@code VideoView}: field order, nulls and the float score as Jackson writes the record. */
    private static void writeVideo(JsonGenerator json, VideoRow video) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", video.id());
        json.writeStringField("code", video.code());
        json.writeStringField("img", video.img());
        if (video.score() == null) {
            json.writeNullField("score");
        } else {
            json.writeNumberField("score", video.score().floatValue());
        }
        json.writeNumberField("version", video.version());
        writeAuthorRef(json, "author", video.authorId(), video.authorName());
        writeAuthorRef(json, "featuredBy", video.featuredById(), video.featuredByName());
        json.writeArrayFieldStart("credits");
        for (CreditRow credit : video.credits()) {
            json.writeStartObject();
            json.writeNumberField("authorId", credit.authorId());
            json.writeStringField("name", credit.name());
            json.writeStringField("extraData", credit.extraData());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeAuthorRef(JsonGenerator json, String field, Long id, String name) throws IOException {
        json.writeFieldName(field);
        if (id == null) {
            json.writeNull();
        } else {
            json.writeStartObject();
            json.writeNumberField("id", id);
            json.writeStringField("name", name);
            json.writeEndObject();
        }
    }

    private static long first(Map<Long, VideoRow> videos) {
        return videos.keySet().iterator().next();
    }

    private static long last(Map<Long, VideoRow> videos) {
        long last = 0;
        for (long id : videos.keySet()) {
            last = id;
        }
        return last;
    }

    @FunctionalInterface
    private interface JsonWriter {
        void write(JsonGenerator json) throws IOException;
    }

    private byte[] write(JsonWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void text(RoutingContext context, String body) {
        context.response().putHeader("Content-Type", "text/plain").end(body);
    }

    private static void json(RoutingContext context, int status, String body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    private static void json(RoutingContext context, int status, byte[] body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(body));
    }
}

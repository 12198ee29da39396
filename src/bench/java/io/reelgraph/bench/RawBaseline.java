package io.reelgraph.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.profile.IfBuildProfile;
import io.reelgraph.listing.Listing;
import io.reelgraph.listing.MoreLinks;
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
 * layers (Hibernate Reactive, RESTEasy, records) cost. Plus the helpers the benchmark needs: seeding, and counting
 * statements and rows read. Compiled only by the Maven profile {@code bench} ({@code src/bench}, which
 * {@code bench/run.sh} builds): the shipped artifact does not contain these routes, which are unauthenticated and
 * write freely, so no setting can turn them on.
 */
@IfBuildProfile("bench") // also built with -Dquarkus.profile=bench: stale classes of a bench build stay out of others
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

    /**
     * Links of each list a view embeds, as the service's views do ({@link Listing#DEFAULT_SIZE}, the first page of the
     * list's sub-collection); one more is read to know whether the list goes on.
     */
    private static final int LINKS = Listing.DEFAULT_SIZE;

    /** The author's row with the counts of its lists that are cut ({@link #totalIfCut}), else nulls. */
    private static final String AUTHOR = "SELECT a.name, a.version, a.featured_video_id, "
            + totalIfCut("video", "author_id", "?", "id") + ", "
            + totalIfCut("video_author", "author_id", "?", "video_id") + " FROM author a WHERE a.id = ?";

    private static final String VIDEO_COLUMNS = "SELECT v.id, v.code, v.img, v.score, v.version, v.author_id, a.name,"
            + " f.id, f.name FROM ";

    private static final String VIDEO_ENDS = " LEFT JOIN author a ON a.id = v.author_id"
            + " LEFT JOIN author f ON f.featured_video_id = v.id";

    /**
     * The videos an author's view shows, whole: its featured video (kind 0), its first uploads (kind 1) and the
     * videos of its first credits (kind 2, with the credit's data), each list by video id through its index and cut
     * after {@link #LINKS} + 1 rows.
     */
    private static final String LISTED_VIDEOS = "SELECT r.kind, r.extra_data, v.id, v.code, v.img, v.score, v.version,"
            + " v.author_id, a.name, f.id, f.name FROM ("
            + "(SELECT 0 AS kind, featured_video_id AS id, NULL AS extra_data FROM author WHERE id = ?)"
            // the indexes named, as the service names them: for a hub of high ids the server would walk the primary key
            + " UNION ALL (SELECT 1, id, NULL FROM video FORCE INDEX (idx_video_author_id) WHERE author_id = ?"
            + " ORDER BY id LIMIT " + (LINKS + 1) + ")"
            + " UNION ALL (SELECT 2, video_id, extra_data FROM video_author WHERE author_id = ?"
            + " ORDER BY video_id LIMIT " + (LINKS + 1) + ")) r JOIN video v ON v.id = r.id" + VIDEO_ENDS;

    private static final String CREDIT_COLUMNS = "SELECT c.video_id, c.author_id, a.name, c.extra_data FROM ";

    // keyset chunks rather than a cursor: MariaDB materializes a cursor's whole result before the first fetch
    private static final String VIDEO_CHUNK = VIDEO_COLUMNS + "video v" + VIDEO_ENDS
            + " WHERE v.id > ? ORDER BY v.id LIMIT " + STREAM_CHUNK;

    private static final String CHUNK_CREDITS = CREDIT_COLUMNS + "video_author c JOIN author a ON a.id = c.author_id"
            + " WHERE c.video_id BETWEEN ? AND ? ORDER BY c.video_id, c.author_id";

    private final Pool pool;

    private final ObjectMapper mapper;

    RawBaseline(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        LOG.warn("Benchmark routes under /bench are enabled: unauthenticated writes, never for production");
        router.get("/bench/statements").handler(this::statements);
        router.get("/bench/reads").handler(this::reads);
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
        statusSum(context, "SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_select', 'Com_insert', 'Com_update',"
                + " 'Com_delete')");
    }

    /**
     * Rows the server's storage engines have read so far (every {@code Handler_read_*} counter: index entries, table
     * rows, temporary tables' rows): what a read costs the database, whatever the machine's load.
     */
    private void reads(RoutingContext context) {
        statusSum(context, "SHOW GLOBAL STATUS LIKE 'Handler_read%'");
    }

    private void statusSum(RoutingContext context, String show) {
        pool.query(show).execute()
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

    /**
     * {@code GET /bench/raw/authors/{id}[?expand=...]}: the author's view with the relationships {@code expand} names
     * among {@code videos}, {@code featuredVideo} and {@code credits.video} embedded whole (all three without it), as
     * the service answers {@code GET /authors/{id}} with the same {@code expand}. The same reads as the service, by
     * hand: round trip one runs the author with the capped counts of its cut lists and the videos of its first links
     * at once (each list cut after 21 by its index); round trip two the first 21 credits of each video shown whole, in
     * one statement ({@link #firstCredits}; a video of more credits costs one more for its count). A list longer than
     * 20 gets the service's {@code more} object.
     */
    private void expandedAuthor(RoutingContext context) {
        long id;
        try {
            id = Long.parseLong(context.pathParam("id"));
        } catch (NumberFormatException e) {
            context.fail(404);
            return;
        }
        String expand = context.queryParams().get("expand");
        Set<String> expanded = expand == null ? Set.of("videos", "featuredVideo", "credits.video")
                : Set.of(expand.split(","));
        // two independent queries at once, each on its own pooled connection
        Uni.combine().all().unis(
                pool.preparedQuery(AUTHOR).execute(Tuple.of(id, id, id, id, id)),
                pool.preparedQuery(LISTED_VIDEOS).execute(Tuple.of(id, id, id))).asTuple()
                .chain(rows -> {
                    if (rows.getItem1().size() == 0) {
                        return Uni.createFrom().<AuthorRows> nullItem();
                    }
                    AuthorRows author = authorRows(rows.getItem1().iterator().next(), rows.getItem2());
                    Map<Long, VideoRow> whole = new LinkedHashMap<>();
                    if (expanded.contains("featuredVideo") && author.featured() != null) {
                        whole.put(author.featured().id(), author.featured());
                    }
                    if (expanded.contains("videos")) {
                        shown(author.uploads()).forEach(video -> whole.put(video.id(), video));
                    }
                    if (expanded.contains("credits.video")) {
                        shown(author.credits()).forEach(credit -> whole.put(credit.video().id(), credit.video()));
                    }
                    return whole.isEmpty() ? Uni.createFrom().item(author)
                            : firstCredits(whole.keySet())
                                    .map(credits -> author.withVideos(attachFirstCredits(whole, credits)));
                })
                .subscribe().with(author -> {
                    if (author == null) {
                        context.fail(404);
                    } else {
                        json(context, 200, write(json -> writeAuthor(json, id, author, expanded)));
                    }
                }, context::fail);
    }

    /**
     * An author's row and the videos of its view: each list holds up to {@link #LINKS} + 1, in id order; the counts
     * are those of the cut lists, else null.
     */
    record AuthorRows(String name, long version, VideoRow featured, List<VideoRow> uploads, List<ListedCredit> credits,
            Long uploadsCounted, Long creditsCounted) {

        /** The same with each video replaced by its whole version in {@code whole}, where there is one. */
        AuthorRows withVideos(Map<Long, VideoRow> whole) {
            return new AuthorRows(name, version, featured == null ? null : whole.getOrDefault(featured.id(), featured),
                    uploads.stream().map(video -> whole.getOrDefault(video.id(), video)).toList(),
                    credits.stream().map(credit -> new ListedCredit(credit.extraData(),
                            whole.getOrDefault(credit.video().id(), credit.video()))).toList(),
                    uploadsCounted, creditsCounted);
        }
    }

    /** A credit of the author: its data and its video. */
    record ListedCredit(String extraData, VideoRow video) {
    }

    private static AuthorRows authorRows(Row author, RowSet<Row> listed) {
        VideoRow featured = null;
        List<VideoRow> uploads = new ArrayList<>();
        List<ListedCredit> credits = new ArrayList<>();
        for (Row row : listed) {
            VideoRow video = new VideoRow(row.getLong(2), row.getString(3), row.getString(4), row.getFloat(5),
                    row.getLong(6), row.getLong(7), row.getString(8), row.getLong(9), row.getString(10),
                    new ArrayList<>(), null);
            switch (row.getInteger(0)) {
                case 0 -> featured = video;
                case 1 -> uploads.add(video);
                default -> credits.add(new ListedCredit(row.getString(1), video));
            }
        }
        // a UNION ALL keeps no order of its own
        uploads.sort(Comparator.comparingLong(VideoRow::id));
        credits.sort(Comparator.comparingLong(credit -> credit.video().id()));
        return new AuthorRows(author.getString(0), author.getLong(1), featured, uploads, credits,
                author.getLong(3), author.getLong(4));
    }

    /** The links a view shows of a list read up to {@link #LINKS} + 1. */
    private static <T> List<T> shown(List<T> read) {
        return read.size() > LINKS ? read.subList(0, LINKS) : read;
    }

    /**
     * The first credits of each video by author id: one statement reads every video's credits in the index's order,
     * limited to what all their first pages take; only the videos it cuts (more than a page of credits) or does not
     * reach (the limit spent on one before them) are read again, by {@link #firstCreditsEach}, with their counts.
     */
    private Uni<List<Row>> firstCredits(Collection<Long> videoIds) {
        List<Long> ids = videoIds.stream().sorted().toList();
        int limit = ids.size() * (LINKS + 1);
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        return pool.query("SELECT c.video_id, c.author_id, a.name, c.extra_data, NULL FROM (SELECT * FROM video_author"
                + " FORCE INDEX (idx_credit_video_author) WHERE video_id IN (" + in + ") ORDER BY video_id, author_id"
                + " LIMIT " + limit + ") c JOIN author a ON a.id = c.author_id").execute().chain(rows -> {
                    Map<Long, List<Row>> byVideo = new HashMap<>();
                    rows.forEach(row -> byVideo.computeIfAbsent(row.getLong(0), video -> new ArrayList<>()).add(row));
                    long reached = rows.size() < limit ? Long.MAX_VALUE
                            : byVideo.keySet().stream().max(Long::compare).orElseThrow();
                    Set<Long> again = ids.stream().filter(id -> id >= reached
                            || byVideo.getOrDefault(id, List.of()).size() > LINKS).collect(Collectors.toSet());
                    List<Row> kept = new ArrayList<>();
                    byVideo.forEach((id, read) -> {
                        if (!again.contains(id)) {
                            kept.addAll(read);
                        }
                    });
                    return again.isEmpty() ? Uni.createFrom().item(kept)
                            : pool.query(firstCreditsEach(again)).execute().map(more -> {
                                more.forEach(kept::add);
                                return kept;
                            });
                });
    }

    /**
     * The first credits of each video by author id, each row with the capped count of the video's credits if they are
     * cut: one bounded {@code SELECT} per video (MariaDB has no {@code LATERAL} join). The ids are {@code long}s,
     * written in as digits.
     */
    private static String firstCreditsEach(Collection<Long> videoIds) {
        StringBuilder sql = new StringBuilder();
        for (long id : videoIds) {
            sql.append(sql.isEmpty() ? "" : " UNION ALL ")
                    .append("(SELECT c.video_id, c.author_id, a.name, c.extra_data, ")
                    .append(totalIfCut("video_author", "video_id", Long.toString(id), "author_id"))
                    .append(" FROM video_author c FORCE INDEX (idx_credit_video_author) STRAIGHT_JOIN author a")
                    .append(" ON a.id = c.author_id WHERE c.video_id = ").append(id)
                    .append(" ORDER BY c.author_id LIMIT ").append(LINKS + 1).append(")");
        }
        return sql.toString();
    }

    /** The videos of {@code whole} with their first {@link #LINKS} credits and, when there are more, their count. */
    private static Map<Long, VideoRow> attachFirstCredits(Map<Long, VideoRow> whole, List<Row> rows) {
        Map<Long, Long> counted = new HashMap<>();
        for (Row row : rows) {
            long videoId = row.getLong(0);
            whole.get(videoId).credits().add(new CreditRow(videoId, row.getLong(1), row.getString(2),
                    row.getString(3)));
            Long count = row.getLong(4);
            if (count != null) {
                counted.put(videoId, count);
            }
        }
        Map<Long, VideoRow> result = new HashMap<>();
        whole.forEach((id, video) -> {
            List<CreditRow> credits = video.credits();
            credits.sort(Comparator.comparingLong(CreditRow::authorId));
            result.put(id, credits.size() <= LINKS ? video : video.cut(LINKS, counted.getOrDefault(id, 0L)));
        });
        return result;
    }

    private static void writeAuthor(JsonGenerator json, long id, AuthorRows author, Set<String> expanded)
            throws IOException {
        List<VideoRow> uploads = shown(author.uploads());
        List<ListedCredit> credits = shown(author.credits());
        json.writeStartObject();
        json.writeNumberField("id", id);
        json.writeStringField("name", author.name());
        json.writeNumberField("version", author.version());
        json.writeFieldName("featuredVideo");
        if (author.featured() == null) {
            json.writeNull();
        } else {
            writeVideo(json, author.featured(), expanded.contains("featuredVideo"));
        }
        json.writeArrayFieldStart("videos");
        for (VideoRow video : uploads) {
            writeVideo(json, video, expanded.contains("videos"));
        }
        json.writeEndArray();
        json.writeArrayFieldStart("credits");
        for (ListedCredit credit : credits) {
            json.writeStartObject();
            json.writeNumberField("videoId", credit.video().id());
            json.writeStringField("code", credit.video().code());
            json.writeStringField("extraData", credit.extraData());
            if (expanded.contains("credits.video")) {
                json.writeFieldName("video");
                writeVideo(json, credit.video());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        boolean moreUploads = author.uploads().size() > uploads.size() && author.uploadsCounted() != null;
        boolean moreCredits = author.credits().size() > credits.size() && author.creditsCounted() != null;
        if (moreUploads || moreCredits) {
            json.writeObjectFieldStart("more");
            if (moreUploads) {
                writeMore(json, "videos", MoreLinks.after(author.uploadsCounted(), "/authors/" + id + "/videos", "id",
                        uploads.get(uploads.size() - 1).id()));
            }
            if (moreCredits) {
                writeMore(json, "credits", MoreLinks.after(author.creditsCounted(), "/authors/" + id + "/credits",
                        "videoId", credits.get(credits.size() - 1).video().id()));
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** A video whole, or as the compact reference {@code {id, code}}. */
    private static void writeVideo(JsonGenerator json, VideoRow video, boolean whole) throws IOException {
        if (whole) {
            writeVideo(json, video);
        } else {
            json.writeStartObject();
            json.writeNumberField("id", video.id());
            json.writeStringField("code", video.code());
            json.writeEndObject();
        }
    }

    /** The JSON of {@link MoreLinks}. */
    private static void writeMore(JsonGenerator json, String field, MoreLinks more) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("total", more.total());
        json.writeBooleanField("totalExact", more.totalExact());
        json.writeStringField("next", more.next());
        json.writeEndObject();
    }

    /**
     * The rows of {@code table} whose {@code column} is {@code value}, counted up to one past the window, if there
     * are more than {@link #LINKS} (the list is cut), else null: an index probe decides whether to count at all.
     * {@code value} is a digit string or {@code ?}, which then stands for two parameters.
     */
    private static String totalIfCut(String table, String column, String value, String order) {
        String rows = " FROM " + table + " WHERE " + column + " = " + value;
        return "IF((SELECT " + order + rows + " ORDER BY " + order + " LIMIT 1 OFFSET " + LINKS + ") IS NULL, NULL,"
                + " (SELECT COUNT(*) FROM (SELECT 1" + rows + " LIMIT " + (Listing.WINDOW + 1) + ") n))";
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
                                    // the view's first credits; the raw stream reads them all (it is a floor for
                                    // this data, where a video has one credit or none, not a bounded read)
                                    videos.replaceAll((id, video) -> video.credits().size() <= LINKS ? video
                                            : video.cut(LINKS, Math.min(video.credits().size(), Listing.WINDOW + 1)));
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

    /**
     * A video's row with its credits.
     *
     * @param more where the rest of its credits are, when they were cut; else null
     */
    record VideoRow(long id, String code, String img, Float score, long version, Long authorId, String authorName,
            Long featuredById, String featuredByName, List<CreditRow> credits, MoreLinks more) {

        /** The same with its first {@code links} credits only and a link to the others, {@code counted} in all. */
        VideoRow cut(int links, long counted) {
            List<CreditRow> first = new ArrayList<>(credits.subList(0, links));
            return new VideoRow(id, code, img, score, version, authorId, authorName, featuredById, featuredByName,
                    first, MoreLinks.after(counted, "/videos/" + id + "/credits", "authorId",
                            first.get(links - 1).authorId()));
        }
    }

    record CreditRow(long videoId, long authorId, String name, String extraData) {
    }

    /** Rows of {@link #VIDEO_COLUMNS} by id, in the order of the query. */
    private static Map<Long, VideoRow> videoRows(RowSet<Row> rows) {
        Map<Long, VideoRow> videos = new LinkedHashMap<>();
        for (Row row : rows) {
            videos.put(row.getLong(0), new VideoRow(row.getLong(0), row.getString(1), row.getString(2),
                    row.getFloat(3), row.getLong(4), row.getLong(5), row.getString(6), row.getLong(7),
                    row.getString(8), new ArrayList<>(), null));
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
        if (video.more() != null) {
            json.writeObjectFieldStart("more");
            writeMore(json, "credits", video.more());
            json.writeEndObject();
        }
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

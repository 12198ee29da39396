package io.reelgraph.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import io.reelgraph.author.AuthorRef;
import io.reelgraph.author.AuthorView;
import io.reelgraph.common.Listing;
import io.reelgraph.common.MoreLinks;
import io.reelgraph.credit.CreditedAuthor;
import io.reelgraph.credit.CreditedVideo;
import io.reelgraph.video.VideoNode;
import io.reelgraph.video.VideoRef;
import io.reelgraph.video.VideoView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Loads authors and videos, by id, as views whose links are compact references: one statement for up to
 * {@link #BATCH} authors and two for as many videos, and never more rows than {@link Reads} allows, however many links
 * they have. Each list of each node is read through its index up to a fixed number of links (one more tells whether it
 * was cut), in a {@code UNION ALL} of one bounded {@code SELECT} per node and list: MariaDB has no {@code LATERAL}
 * join, and a window function would read a whole list to number it.
 * <p>
 * Projections in SQL on the reactive client, not entities: nothing is hydrated or tracked that the views do not
 * show, and no HQL is translated per request (Hibernate cannot cache the translation of a query with an {@code IN}
 * list). The ids are {@code Long}s written into the statement, so each is one round trip of the text protocol.
 */
final class NodeLoader {

    /** Ids one statement reads; a level of more is read in several. */
    static final int BATCH = 500;

    /** Links a view embeds of each list: the first page of the list's sub-collection. */
    static final int EMBEDDED_LINKS = Listing.DEFAULT_SIZE;

    /**
     * How much a load reads.
     *
     * @param links links of each list per node; one more is read to know whether the list was cut
     * @param totals whether cut lists are counted (up to {@link Listing#WINDOW}) for the views' {@code more}
     * @param maxRows rows one statement may return; more fails the load with {@link TooManyRows}
     */
    record Reads(int links, boolean totals, int maxRows) {

        /** What a view shows: the first page of each list, and the size of the rest. */
        static final Reads VIEWS = new Reads(EMBEDDED_LINKS, true, Integer.MAX_VALUE);

        Reads withMaxRows(int rows) {
            return new Reads(links, totals, rows);
        }
    }

    /** The views of the ids that exist, and the ids whose lists were cut to {@link Reads#links()}. */
    record Loaded<V>(Map<Long, V> byId, Set<Long> cut) {

        static <V> Loaded<V> none() {
            return new Loaded<>(Map.of(), Set.of());
        }
    }

    /** A statement would have returned more rows than its {@link Reads#maxRows()}. */
    static final class TooManyRows extends RuntimeException {
        TooManyRows() {
            super("more rows than allowed", null, false, false);
        }
    }

    private NodeLoader() {
    }

    /**
     * The authors of {@code ids} that exist, in one statement per {@link #BATCH} ids: each author's row (kind 0, with
     * its featured video), and its first uploads (kind 1) and credits (kind 2) by video id, each row of a cut list
     * carrying the list's count.
     */
    static Uni<Loaded<AuthorView>> authors(SqlClient client, Collection<Long> ids, Reads reads) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Loaded.none());
        }
        return rows(client, ids, reads, batch -> {
            StringBuilder sql = new StringBuilder("(SELECT 0, a.id, f.id, f.code, a.name, a.version FROM author a"
                    + " LEFT JOIN video f ON f.id = a.featured_video_id WHERE a.id IN " + in(batch) + ")");
            for (Long id : batch) {
                sql.append(" UNION ALL (SELECT 1, author_id, id, code, NULL, ").append(total("video", "author_id", id,
                        "id", reads)).append(" FROM video WHERE author_id = ").append(id)
                        .append(" ORDER BY id LIMIT ").append(reads.links() + 1).append(')')
                        .append(" UNION ALL (SELECT 2, c.author_id, v.id, v.code, c.extra_data, ")
                        .append(total("video_author", "author_id", id, "video_id", reads))
                        .append(" FROM video_author c JOIN video v ON v.id = c.video_id WHERE c.author_id = ").append(id)
                        .append(" ORDER BY c.video_id LIMIT ").append(reads.links() + 1).append(')');
            }
            return sql.toString();
        }).map(rows -> {
            Map<Long, Row> authors = new HashMap<>();
            Map<Long, List<VideoNode>> uploadsBy = new HashMap<>();
            Map<Long, List<CreditedVideo>> creditsBy = new HashMap<>();
            Map<Long, Long> uploadCounts = new HashMap<>();
            Map<Long, Long> creditCounts = new HashMap<>();
            for (Row row : rows) {
                Long authorId = row.getLong(1);
                switch (row.getInteger(0)) {
                    case 0 -> authors.put(authorId, row);
                    case 1 -> {
                        listOf(uploadsBy, authorId).add(new VideoRef(row.getLong(2), row.getString(3)));
                        uploadCounts.put(authorId, row.getLong(5));
                    }
                    default -> {
                        listOf(creditsBy, authorId).add(new CreditedVideo(row.getLong(2), row.getString(3),
                                row.getString(4), null));
                        creditCounts.put(authorId, row.getLong(5));
                    }
                }
            }
            Map<Long, AuthorView> byId = new HashMap<>();
            Set<Long> cut = new HashSet<>();
            authors.forEach((id, row) -> {
                List<VideoNode> uploads = firstLinks(uploadsBy.get(id), VideoNode::id, reads);
                List<CreditedVideo> credits = firstLinks(creditsBy.get(id), CreditedVideo::videoId, reads);
                MoreLinks moreUploads = more(uploads, uploadsBy.get(id), uploadCounts.get(id),
                        "/authors/" + id + "/videos", "id", VideoNode::id);
                MoreLinks moreCredits = more(credits, creditsBy.get(id), creditCounts.get(id),
                        "/authors/" + id + "/credits", "videoId", CreditedVideo::videoId);
                if (cutBy(uploads, uploadsBy.get(id)) || cutBy(credits, creditsBy.get(id))) {
                    cut.add(id);
                }
                byId.put(id, new AuthorView(id, row.getString(4), row.getLong(5),
                        row.getLong(2) == null ? null : new VideoRef(row.getLong(2), row.getString(3)), uploads,
                        credits, moreUploads == null && moreCredits == null ? null
                                : new AuthorView.More(moreUploads, moreCredits)));
            });
            return new Loaded<>(byId, cut);
        });
    }

    /**
     * The videos of {@code ids} that exist, in two statements per {@link #BATCH} ids run at once: their rows with their
     * uploader and featuring author, and their first credits by author id, each row of a cut list carrying its count.
     */
    static Uni<Loaded<VideoView>> videos(SqlClient client, Collection<Long> ids, Reads reads) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Loaded.none());
        }
        // the videos' rows and their credits at once, on connections of their own: a read holds no session that
        // would chain them
        Uni<List<Row>> videoRows = rows(client, ids, Reads.VIEWS, batch -> "SELECT v.id, v.code, v.img, v.score,"
                + " v.version, a.id, a.name, f.id, f.name FROM video v LEFT JOIN author a ON a.id = v.author_id"
                + " LEFT JOIN author f ON f.featured_video_id = v.id WHERE v.id IN " + in(batch));
        Uni<List<Row>> creditRows = rows(client, ids, reads, batch -> batch.stream()
                .map(id -> "(SELECT c.video_id, a.id, a.name, c.extra_data, " + total("video_author", "video_id", id,
                        "author_id", reads) + " FROM video_author c JOIN author a ON a.id = c.author_id"
                        + " WHERE c.video_id = " + id + " ORDER BY c.author_id LIMIT " + (reads.links() + 1) + ")")
                .collect(Collectors.joining(" UNION ALL ")));
        return Uni.combine().all().unis(videoRows, creditRows).asTuple().map(loaded -> {
            Map<Long, List<CreditedAuthor>> creditsBy = new HashMap<>();
            Map<Long, Long> countsBy = new HashMap<>();
            for (Row row : loaded.getItem2()) {
                listOf(creditsBy, row.getLong(0)).add(new CreditedAuthor(row.getLong(1), row.getString(2),
                        row.getString(3), null));
                countsBy.put(row.getLong(0), row.getLong(4));
            }
            Map<Long, VideoView> byId = new HashMap<>();
            Set<Long> cut = new HashSet<>();
            for (Row row : loaded.getItem1()) {
                Long id = row.getLong(0);
                List<CreditedAuthor> credits = firstLinks(creditsBy.get(id), CreditedAuthor::authorId, reads);
                MoreLinks more = more(credits, creditsBy.get(id), countsBy.get(id), "/videos/" + id + "/credits",
                        "authorId", CreditedAuthor::authorId);
                if (cutBy(credits, creditsBy.get(id))) {
                    cut.add(id);
                }
                byId.put(id, new VideoView(id, row.getString(1), row.getString(2), row.getFloat(3), row.getLong(4),
                        row.getLong(5) == null ? null : new AuthorRef(row.getLong(5), row.getString(6)),
                        row.getLong(7) == null ? null : new AuthorRef(row.getLong(7), row.getString(8)), credits,
                        more == null ? null : new VideoView.More(more)));
            }
            return new Loaded<>(byId, cut);
        });
    }

    /** A list's links up to {@link Reads#links()}, in key order (a {@code UNION ALL} keeps no order of its own). */
    private static <T> List<T> firstLinks(List<T> read, ToLongFunction<T> key, Reads reads) {
        if (read == null) {
            return List.of();
        }
        read.sort(Comparator.comparingLong(key));
        return read.size() > reads.links() ? List.copyOf(read.subList(0, reads.links())) : read;
    }

    private static boolean cutBy(List<?> shown, List<?> read) {
        return read != null && read.size() > shown.size();
    }

    /** Where the rest of a cut list is, with its count from column {@code countColumn}; null if nothing was cut. */
    private static <T> MoreLinks more(List<T> shown, List<T> read, Long count, String list, String keyField,
            ToLongFunction<T> key) {
        if (!cutBy(shown, read) || count == null) {
            return null;
        }
        return MoreLinks.after(count, list, keyField, key.applyAsLong(shown.get(shown.size() - 1)));
    }

    /**
     * The number of rows of {@code table} whose {@code column} is {@code id}, counted up to one past the window, where
     * the list is longer than {@link Reads#links()} (its row one past them exists) and totals are asked for; else
     * NULL. A subquery of constants: the server computes it once per statement, only where the list is cut.
     */
    private static String total(String table, String column, Long id, String order, Reads reads) {
        if (!reads.totals()) {
            return "NULL";
        }
        String rows = " FROM " + table + " WHERE " + column + " = " + id;
        return "IF((SELECT " + order + rows + " ORDER BY " + order + " LIMIT 1 OFFSET " + reads.links() + ") IS NULL,"
                + " NULL, (SELECT COUNT(*) FROM (SELECT 1" + rows + " LIMIT " + (Listing.WINDOW + 1) + ") n))";
    }

    /**
     * The rows of the statements {@code sql} makes for {@code ids}, {@link #BATCH} ids at a time, one statement after
     * the other: the server plans each member of a {@code UNION ALL} on its own, and a statement of thousands of them
     * costs more than several of hundreds. Past {@link Reads#maxRows()} rows in all, the load fails.
     */
    private static Uni<List<Row>> rows(SqlClient client, Collection<Long> ids, Reads reads,
            Function<List<Long>, String> sql) {
        List<Long> all = List.copyOf(ids);
        Uni<List<Row>> rows = Uni.createFrom().item(new ArrayList<>());
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Long> batch = all.subList(from, Math.min(from + BATCH, all.size()));
            rows = rows.chain(read -> {
                String statement = sql.apply(batch);
                if (reads.maxRows() != Integer.MAX_VALUE) {
                    statement += " LIMIT " + (reads.maxRows() - read.size() + 1);
                }
                return client.query(statement).execute().map(result -> {
                    result.forEach(read::add);
                    if (read.size() > reads.maxRows()) {
                        throw new TooManyRows();
                    }
                    return read;
                });
            });
        }
        return rows;
    }

    /** {@code (1, 2, 3)}: typed ids, so nothing but digits reaches the statement. */
    private static String in(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }

    private static <T> List<T> listOf(Map<Long, List<T>> lists, Long id) {
        return lists.computeIfAbsent(id, key -> new ArrayList<>());
    }
}

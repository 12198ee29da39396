package io.reelgraph.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Loads authors and videos, by id, as views whose links are compact references: one statement for any number of
 * authors and two for any number of videos, and never more rows than {@link Reads} allows, however many links they
 * have. Each list of each node is read through its index up to a fixed number of links (one more tells whether it
 * was cut), in a {@code UNION ALL} of one bounded {@code SELECT} per node and list: MariaDB has no {@code LATERAL}
 * join, and a window function would read a whole list to number it.
 * <p>
 * Projections in SQL on the reactive client, not entities: nothing is hydrated or tracked that the views do not
 * show, and no HQL is translated per request (Hibernate cannot cache the translation of a query with an {@code IN}
 * list). The ids are {@code Long}s written into the statement, so each is one round trip of the text protocol.
 */
final class NodeLoader {

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
     * The authors of {@code ids} that exist, in one statement: each author's row (kind 0, with its featured video),
     * its first uploads (kind 1) and credits (kind 2) by video id, and the two lists' counts (kind 3).
     */
    static Uni<Loaded<AuthorView>> authors(SqlClient client, Collection<Long> ids, Reads reads) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Loaded.none());
        }
        StringBuilder sql = new StringBuilder("(SELECT 0, a.id, f.id, f.code, a.name, a.version FROM author a"
                + " LEFT JOIN video f ON f.id = a.featured_video_id WHERE a.id IN " + in(ids) + ")");
        int perList = reads.links() + 1;
        for (Long id : ids) {
            sql.append(" UNION ALL (SELECT 1, author_id, id, code, NULL, NULL FROM video WHERE author_id = ").append(id)
                    .append(" ORDER BY id LIMIT ").append(perList).append(')')
                    .append(" UNION ALL (SELECT 2, c.author_id, v.id, v.code, c.extra_data, NULL FROM video_author c")
                    .append(" JOIN video v ON v.id = c.video_id WHERE c.author_id = ").append(id)
                    .append(" ORDER BY c.video_id LIMIT ").append(perList).append(')');
            if (reads.totals()) {
                sql.append(" UNION ALL (SELECT 3, ").append(id).append(", ").append(count("video", "author_id", id))
                        .append(", NULL, NULL, ").append(count("video_author", "author_id", id)).append(')');
            }
        }
        return rows(client, sql, reads).map(rows -> {
            Map<Long, Row> authors = new HashMap<>();
            Map<Long, List<VideoNode>> uploadsBy = new HashMap<>();
            Map<Long, List<CreditedVideo>> creditsBy = new HashMap<>();
            Map<Long, Row> countsBy = new HashMap<>();
            for (Row row : rows) {
                Long authorId = row.getLong(1);
                switch (row.getInteger(0)) {
                    case 0 -> authors.put(authorId, row);
                    case 1 -> listOf(uploadsBy, authorId).add(new VideoRef(row.getLong(2), row.getString(3)));
                    case 2 -> listOf(creditsBy, authorId).add(new CreditedVideo(row.getLong(2), row.getString(3),
                            row.getString(4), null));
                    default -> countsBy.put(authorId, row);
                }
            }
            Map<Long, AuthorView> byId = new HashMap<>();
            Set<Long> cut = new HashSet<>();
            authors.forEach((id, row) -> {
                Row counts = countsBy.get(id);
                List<VideoNode> uploads = firstLinks(uploadsBy.get(id), VideoNode::id, reads);
                List<CreditedVideo> credits = firstLinks(creditsBy.get(id), CreditedVideo::videoId, reads);
                MoreLinks moreUploads = more(uploads, uploadsBy.get(id), counts, 2, "/authors/" + id + "/videos",
                        "id", VideoNode::id);
                MoreLinks moreCredits = more(credits, creditsBy.get(id), counts, 5, "/authors/" + id + "/credits",
                        "videoId", CreditedVideo::videoId);
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
     * The videos of {@code ids} that exist, in two statements run at once: their rows with their uploader and
     * featuring author, and their first credits by author id (kind 0) with the credits' counts (kind 1).
     */
    static Uni<Loaded<VideoView>> videos(SqlClient client, Collection<Long> ids, Reads reads) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Loaded.none());
        }
        String in = in(ids);
        Uni<RowSet<Row>> videoRows = client.query("SELECT v.id, v.code, v.img, v.score, v.version, a.id, a.name,"
                + " f.id, f.name FROM video v LEFT JOIN author a ON a.id = v.author_id"
                + " LEFT JOIN author f ON f.featured_video_id = v.id WHERE v.id IN " + in).execute();
        StringBuilder sql = new StringBuilder();
        for (Long id : ids) {
            sql.append(sql.isEmpty() ? "" : " UNION ALL ")
                    .append("(SELECT 0, c.video_id, a.id, a.name, c.extra_data FROM video_author c")
                    .append(" JOIN author a ON a.id = c.author_id WHERE c.video_id = ").append(id)
                    .append(" ORDER BY c.author_id LIMIT ").append(reads.links() + 1).append(')');
            if (reads.totals()) {
                sql.append(" UNION ALL (SELECT 1, ").append(id).append(", ").append(count("video_author", "video_id", id))
                        .append(", NULL, NULL)");
            }
        }
        // both at once, on connections of their own: a read holds no session that would chain them
        return Uni.combine().all().unis(videoRows, rows(client, sql, reads)).asTuple().map(loaded -> {
            Map<Long, List<CreditedAuthor>> creditsBy = new HashMap<>();
            Map<Long, Row> countsBy = new HashMap<>();
            for (Row row : loaded.getItem2()) {
                if (row.getInteger(0) == 0) {
                    listOf(creditsBy, row.getLong(1)).add(new CreditedAuthor(row.getLong(2), row.getString(3),
                            row.getString(4), null));
                } else {
                    countsBy.put(row.getLong(1), row);
                }
            }
            Map<Long, VideoView> byId = new HashMap<>();
            Set<Long> cut = new HashSet<>();
            for (Row row : loaded.getItem1()) {
                Long id = row.getLong(0);
                List<CreditedAuthor> credits = firstLinks(creditsBy.get(id), CreditedAuthor::authorId, reads);
                MoreLinks more = more(credits, creditsBy.get(id), countsBy.get(id), 2, "/videos/" + id + "/credits",
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
    private static <T> MoreLinks more(List<T> shown, List<T> read, Row counts, int countColumn, String list,
            String keyField, ToLongFunction<T> key) {
        if (!cutBy(shown, read) || counts == null) {
            return null;
        }
        return MoreLinks.after(counts.getLong(countColumn), list, keyField, key.applyAsLong(shown.get(shown.size() - 1)));
    }

    /** A count of the rows of {@code table} whose {@code column} is {@code id}, up to one past the window. */
    private static String count(String table, String column, Long id) {
        return "(SELECT COUNT(*) FROM (SELECT 1 FROM " + table + " WHERE " + column + " = " + id + " LIMIT "
                + (Listing.WINDOW + 1) + ") n)";
    }

    /** Runs a {@code UNION ALL} of bounded selects, reading at most one row more than {@link Reads#maxRows()}. */
    private static Uni<RowSet<Row>> rows(SqlClient client, StringBuilder union, Reads reads) {
        if (reads.maxRows() != Integer.MAX_VALUE) {
            union.append(" LIMIT ").append(reads.maxRows() + 1);
        }
        return client.query(union.toString()).execute().invoke(rows -> {
            if (rows.size() > reads.maxRows()) {
                throw new TooManyRows();
            }
        });
    }

    /** {@code (1, 2, 3)}: typed ids, so nothing but digits reaches the statement. */
    private static String in(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }

    private static <T> List<T> listOf(Map<Long, List<T>> lists, Long id) {
        return lists.computeIfAbsent(id, key -> new ArrayList<>());
    }
}

package io.reelgraph.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;


import io.reelgraph.author.AuthorRef;
import io.reelgraph.author.AuthorView;
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
 * Loads authors and videos, by id, as views whose links are compact references: one statement for any number
 * of authors and two for any number of videos, however many links they have.
 * <p>
 * Projections in SQL on the reactive client, not entities: nothing is hydrated or tracked that the views do not
 * show, and no HQL is translated per request (Hibernate cannot cache the translation of a query with an {@code IN}
 * list). The ids are {@code Long}s written into the statement, so each is one round trip of the text protocol.
 */
final class NodeLoader {

    private NodeLoader() {
    }

    /**
     * The authors of {@code ids} that exist, by id, in one statement: each author's row (kind 0, with its featured
     * video), then its uploads (kind 1) and credits (kind 2), in video id order.
     */
    static Uni<Map<Long, AuthorView>> authors(SqlClient client, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String in = in(ids);
        return rows(client, "SELECT 0, a.id, f.id, f.code, a.name, a.version FROM author a"
                + " LEFT JOIN video f ON f.id = a.featured_video_id WHERE a.id IN " + in
                + " UNION ALL SELECT 1, author_id, id, code, NULL, NULL FROM video WHERE author_id IN " + in
                + " UNION ALL SELECT 2, c.author_id, v.id, v.code, c.extra_data, NULL FROM video_author c"
                + " JOIN video v ON v.id = c.video_id WHERE c.author_id IN " + in + " ORDER BY 1, 3")
                .map(rows -> {
                    Map<Long, Row> authors = new HashMap<>();
                    Map<Long, List<VideoNode>> uploadsBy = new HashMap<>();
                    Map<Long, List<CreditedVideo>> creditsBy = new HashMap<>();
                    for (Row row : rows) {
                        Long authorId = row.getLong(1);
                        switch (row.getInteger(0)) {
                            case 0 -> authors.put(authorId, row);
                            case 1 -> listOf(uploadsBy, authorId).add(new VideoRef(row.getLong(2), row.getString(3)));
                            default -> listOf(creditsBy, authorId).add(new CreditedVideo(row.getLong(2),
                                    row.getString(3), row.getString(4), null));
                        }
                    }
                    Map<Long, AuthorView> byId = new HashMap<>();
                    authors.forEach((id, row) -> byId.put(id, new AuthorView(id, row.getString(4), row.getLong(5),
                            row.getLong(2) == null ? null : new VideoRef(row.getLong(2), row.getString(3)),
                            uploadsBy.getOrDefault(id, List.of()), creditsBy.getOrDefault(id, List.of()))));
                    return byId;
                });
    }

    /** The videos of {@code ids} that exist, by id. */
    static Uni<Map<Long, VideoView>> videos(SqlClient client, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String in = in(ids);
        Uni<RowSet<Row>> videoRows = rows(client, "SELECT v.id, v.code, v.img, v.score, v.version, a.id, a.name,"
                + " f.id, f.name FROM video v LEFT JOIN author a ON a.id = v.author_id"
                + " LEFT JOIN author f ON f.featured_video_id = v.id WHERE v.id IN " + in);
        Uni<RowSet<Row>> creditRows = rows(client, "SELECT c.video_id, a.id, a.name, c.extra_data"
                + " FROM video_author c JOIN author a ON a.id = c.author_id WHERE c.video_id IN " + in + " ORDER BY a.id");
        // both at once, on connections of their own: a read holds no session that would chain them
        return Uni.combine().all().unis(videoRows, creditRows).asTuple()
                .map(loaded -> {
                    RowSet<Row> videos = loaded.getItem1();
                    RowSet<Row> credits = loaded.getItem2();
                    Map<Long, List<CreditedAuthor>> creditsBy = new HashMap<>();
                    credits.forEach(row -> listOf(creditsBy, row.getLong(0)).add(new CreditedAuthor(
                            row.getLong(1), row.getString(2), row.getString(3), null)));
                    Map<Long, VideoView> byId = new HashMap<>();
                    for (Row row : videos) {
                        Long id = row.getLong(0);
                        byId.put(id, new VideoView(id, row.getString(1), row.getString(2), row.getFloat(3),
                                row.getLong(4),
                                row.getLong(5) == null ? null : new AuthorRef(row.getLong(5), row.getString(6)),
                                row.getLong(7) == null ? null : new AuthorRef(row.getLong(7), row.getString(8)),
                                creditsBy.getOrDefault(id, List.of())));
                    }
                    return byId;
                });
    }

    private static Uni<RowSet<Row>> rows(SqlClient client, String sql) {
        return client.query(sql).execute();
    }

    /** {@code (1, 2, 3)}: typed ids, so nothing but digits reaches the statement. */
    private static String in(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }

    private static <T> List<T> listOf(Map<Long, List<T>> lists, Long id) {
        return lists.computeIfAbsent(id, key -> new ArrayList<>());
    }
}

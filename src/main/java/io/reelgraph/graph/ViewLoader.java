package io.reelgraph.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import io.reelgraph.catalogue.AuthorRef;
import io.reelgraph.catalogue.AuthorView;
import io.reelgraph.catalogue.CreditedAuthor;
import io.reelgraph.catalogue.CreditedVideo;
import io.reelgraph.catalogue.VideoNode;
import io.reelgraph.catalogue.VideoRef;
import io.reelgraph.catalogue.VideoView;
import io.reelgraph.listing.Listing;
import io.reelgraph.listing.MoreLinks;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Loads authors and videos, by id, as views whose links are compact references and whose lists hold their first
 * links: one statement for up to {@link #BATCH} authors and two for as many videos, and never more rows than a fixed
 * bound, however many links they have.
 * <p>
 * Each list (an author's uploads and credits, a video's credits) is read for all the nodes at once, in the order of
 * its index ({@code WHERE parent IN (…) ORDER BY parent, key}, or {@code BETWEEN} for a stream's chunk of every video
 * in a range of ids), with a row limit of the links every node may show plus
 * {@link Listing#WINDOW}: a node with a long list is read up to that, which is also how far its total is counted. Only
 * when that limit cuts the read short of other nodes (two hubs in one batch) does a second statement read those nodes
 * one at a time. MariaDB has no {@code LATERAL} join, a window function would number whole lists, and a
 * {@code UNION} of one bounded {@code SELECT} per node costs the server a plan per node.
 * <p>
 * Projections in SQL on the reactive client, not entities: nothing is hydrated or tracked that the views do not
 * show, and no HQL is translated per request (Hibernate cannot cache the translation of a query with an {@code IN}
 * list). The ids are {@code Long}s written into the statement, so each is one round trip of the text protocol.
 */
final class ViewLoader {

    /** Ids one statement reads; a level of more is read in several. */
    static final int BATCH = 500;

    /** Rows a view embeds of each list: the first page of the list's sub-collection. */
    static final int EMBEDDED_LINKS = Listing.DEFAULT_SIZE;

    /**
     * How much a load reads.
     *
     * @param links links of each list per node; one more tells whether the list was cut
     * @param totals whether cut lists are counted (up to {@link Listing#WINDOW}) for the views' {@code more}
     * @param maxRefs objects and links the loaded views may hold in all; more fails the load with {@link TooManyRows}
     */
    record Reads(int links, boolean totals, int maxRefs) {

        /** What a view shows: the first page of each list, and the size of the rest. */
        static final Reads VIEWS = new Reads(EMBEDDED_LINKS, true, Integer.MAX_VALUE);

        Reads withMaxRefs(int refs) {
            return new Reads(links, totals, refs);
        }
    }

    /** The views of the ids that exist, and the ids whose lists were cut to {@link Reads#links()}. */
    record Loaded<V>(Map<Long, V> byId, Set<Long> cut) {

        static <V> Loaded<V> none() {
            return new Loaded<>(Map.of(), Set.of());
        }
    }

    /** The views would hold more than {@link Reads#maxRefs()}. */
    static final class TooManyRows extends RuntimeException {
        TooManyRows() {
            super("more rows than allowed", null, false, false);
        }
    }

    /**
     * A list of links as the statements read it. Every statement's rows have one layout: kind, parent id, key, two
     * texts and a number (a node's own row uses the same columns; a count row has kind + 10 and the count last).
     */
    private enum EmbeddedList {
        // the index named: for one author with many uploads of high ids, the server would walk the primary key
        UPLOADS(1, "video v FORCE INDEX (idx_video_author_id)", "", "v.author_id", "v.id", "v.code, NULL"),
        AUTHOR_CREDITS(2, "video_author c FORCE INDEX (PRIMARY)", " JOIN video v ON v.id = c.video_id", "c.author_id",
                "c.video_id",
                "v.code, c.extra_data"),
        VIDEO_CREDITS(3, "video_author c FORCE INDEX (idx_credit_video_author)", " JOIN author a ON a.id = c.author_id",
                "c.video_id", "c.author_id",
                "a.name, c.extra_data");

        final int kind;
        final String from;
        final String join;
        final String parent;
        final String key;
        final String columns;

        EmbeddedList(int kind, String from, String join, String parent, String key, String columns) {
            this.kind = kind;
            this.from = from;
            this.join = join;
            this.parent = parent;
            this.key = key;
            this.columns = columns;
        }

        /** The links of the parents {@code condition} selects, in index order, at most {@code limit} rows. */
        String rows(String condition, int limit) {
            String order = " ORDER BY " + parent + ", " + key + " LIMIT " + limit;
            // the links are limited on their own table, in its index's order, before the join: with the join in the
            // same SELECT the server may plan from the joined table and sort the whole of a long list
            String links = join.isEmpty() ? from + " WHERE " + parent + " " + condition
                    : "(SELECT * FROM " + from + " WHERE " + parent + " " + condition + order + ") "
                            + from.split(" ")[1] + join;
            return "(SELECT " + kind + ", " + parent + ", " + key + ", " + columns + ", NULL FROM " + links + order + ")";
        }

        /** The number of {@code id}'s links, counted through the index up to one past the window. */
        String count(Long id) {
            return "(SELECT " + (kind + 10) + ", " + id + ", NULL, NULL, NULL, (SELECT COUNT(*) FROM (SELECT 1 FROM "
                    + from + " WHERE " + parent + " = " + id + " LIMIT " + (Listing.WINDOW + 1) + ") n))";
        }
    }

    /** A list of one node as read: its first links in key order, whether it goes on, and its total if counted. */
    private record EmbeddedRows(List<Row> shown, boolean cut, Long total) {
    }

    private ViewLoader() {
    }

    /** The authors of {@code ids} that exist: each author's row, its uploads and its credits by video id. */
    static Uni<Loaded<AuthorView>> authors(SqlClient client, Collection<Long> ids, Reads reads) {
        return inBatches(ids, reads, ViewLoader::refs,
                batch -> read(client, batch, reads, "(SELECT 0, a.id, f.id, f.code, a.name,"
                        + " a.version FROM author a LEFT JOIN video f ON f.id = a.featured_video_id WHERE a.id IN " + in(batch)
                        + ")", List.of(EmbeddedList.UPLOADS, EmbeddedList.AUTHOR_CREDITS), "IN " + in(batch)).map(read -> {
                            Map<Long, AuthorView> byId = new HashMap<>();
                            Set<Long> cut = new HashSet<>();
                            for (Row row : read.own()) {
                                Long id = row.getLong(1);
                                EmbeddedRows uploads = read.lists().get(EmbeddedList.UPLOADS).get(id);
                                EmbeddedRows credits = read.lists().get(EmbeddedList.AUTHOR_CREDITS).get(id);
                                if (uploads.cut() || credits.cut()) {
                                    cut.add(id);
                                }
                                MoreLinks moreUploads = more(uploads, "/authors/" + id + "/videos", "id");
                                MoreLinks moreCredits = more(credits, "/authors/" + id + "/credits", "videoId");
                                byId.put(id, new AuthorView(id, row.getString(4), row.getLong(5),
                                        row.getLong(2) == null ? null : new VideoRef(row.getLong(2), row.getString(3)),
                                        uploads.shown().stream().<VideoNode> map(link -> new VideoRef(link.getLong(2),
                                                link.getString(3))).toList(),
                                        credits.shown().stream().map(link -> new CreditedVideo(link.getLong(2),
                                                link.getString(3), link.getString(4), null)).toList(),
                                        moreUploads == null && moreCredits == null ? null
                                                : new AuthorView.More(moreUploads, moreCredits)));
                            }
                            return new Loaded<>(byId, cut);
                        }));
    }

    /** A video's own columns in its view, after its id, from {@code video v} and the joins {@link #VIDEO_JOINS}. */
    static final String VIDEO_COLUMNS = "v.code, v.img, v.score, v.version, a.id, a.name, f.id, f.name";
    static final String VIDEO_JOINS = "LEFT JOIN author a ON a.id = v.author_id"
            + " LEFT JOIN author f ON f.featured_video_id = v.id";

    /**
     * The videos of {@code ids} that exist, in two statements run at once: their rows with their uploader and
     * featuring author, and their credits by author id.
     */
    static Uni<Loaded<VideoView>> videos(SqlClient client, Collection<Long> ids, Reads reads) {
        return inBatches(ids, reads, ViewLoader::refs, batch -> {
            // both at once, on connections of their own: a read holds no session that would chain them
            Uni<List<Row>> videoRows = client.query("SELECT v.id, " + VIDEO_COLUMNS + " FROM video v " + VIDEO_JOINS
                    + " WHERE v.id IN " + in(batch)).execute().map(ViewLoader::list);
            Uni<Read> creditRows = read(client, batch, reads, null, List.of(EmbeddedList.VIDEO_CREDITS),
                    "IN " + in(batch));
            return Uni.combine().all().unis(videoRows, creditRows).asTuple()
                    .map(loaded -> videoViews(loaded.getItem1(), 1, loaded.getItem2()));
        });
    }

    /**
     * The views of videos whose rows the caller has read, in their order: each row has the video's id first and
     * {@link #VIDEO_COLUMNS} from {@code columnsFrom}. One statement reads their credits; at most {@link #BATCH} rows.
     * With {@code wholeRange} the rows are every video between their least and greatest id, and the credits are read as
     * that range of the index: one interval, where an {@code IN} list costs the server a lookup per id.
     */
    static Uni<List<VideoView>> videosOfRows(SqlClient client, List<Row> rows, int columnsFrom, boolean wholeRange) {
        List<Long> ids = rows.stream().map(row -> row.getLong(0)).toList();
        String parents = wholeRange ? "BETWEEN " + ids.stream().min(Long::compare).orElseThrow() + " AND "
                + ids.stream().max(Long::compare).orElseThrow() : "IN " + in(ids);
        return read(client, ids, Reads.VIEWS, null, List.of(EmbeddedList.VIDEO_CREDITS), parents)
                .map(credits -> videoViews(rows, columnsFrom, credits).byId())
                .map(byId -> ids.stream().map(byId::get).toList());
    }

    private static Loaded<VideoView> videoViews(List<Row> rows, int columnsFrom, Read credits) {
        Map<Long, VideoView> byId = new HashMap<>();
        Set<Long> cut = new HashSet<>();
        int at = columnsFrom;
        for (Row row : rows) {
            Long id = row.getLong(0);
            EmbeddedRows shown = credits.lists().get(EmbeddedList.VIDEO_CREDITS).get(id);
            if (shown.cut()) {
                cut.add(id);
            }
            MoreLinks more = more(shown, "/videos/" + id + "/credits", "authorId");
            byId.put(id, new VideoView(id, row.getString(at), row.getString(at + 1), row.getFloat(at + 2),
                    row.getLong(at + 3),
                    row.getLong(at + 4) == null ? null : new AuthorRef(row.getLong(at + 4), row.getString(at + 5)),
                    row.getLong(at + 6) == null ? null : new AuthorRef(row.getLong(at + 6), row.getString(at + 7)),
                    shown.shown().stream().map(link -> new CreditedAuthor(link.getLong(2),
                            link.getString(3), link.getString(4), null)).toList(),
                    more == null ? null : new VideoView.More(more)));
        }
        return new Loaded<>(byId, cut);
    }

    /** The nodes' own rows (kind 0), and each list of each node. */
    private record Read(List<Row> own, Map<EmbeddedList, Map<Long, EmbeddedRows>> lists) {
    }

    /**
     * Reads {@code lists} of the nodes of {@code batch} (and their own rows, from {@code own}), as the class comment
     * says: one statement, and a second one only for nodes the first one's row limits cut short. {@code parents} is the
     * condition on the lists' parent ids: {@code IN} the batch, or a range that holds the batch (rows of
     * other parents in it, such as a video committed since, count towards the limit and are left out).
     */
    private static Uni<Read> read(SqlClient client, List<Long> batch, Reads reads, String own, List<EmbeddedList> lists,
            String parents) {
        List<Long> ids = batch.stream().sorted().toList();
        // the window's rows more are read to count a long list, where totals are asked for
        int limit = ids.size() * (reads.links() + 1) + (reads.totals() ? Listing.WINDOW : 0) + 1;
        List<String> members = new ArrayList<>();
        if (own != null) {
            members.add(own);
        }
        lists.forEach(list -> members.add(list.rows(parents, limit)));
        return client.query(String.join(" UNION ALL ", members)).execute().map(ViewLoader::list).chain(rows -> {
            Map<EmbeddedList, Map<Long, List<Row>>> read = new EnumMap<>(EmbeddedList.class);
            Map<EmbeddedList, Map<Long, Long>> counts = new EnumMap<>(EmbeddedList.class);
            lists.forEach(list -> {
                read.put(list, new HashMap<>());
                counts.put(list, new HashMap<>());
            });
            List<Row> ownRows = new ArrayList<>();
            for (Row row : rows) {
                int kind = row.getInteger(0);
                if (kind == 0) {
                    ownRows.add(row);
                } else {
                    read.get(kindOf(kind)).computeIfAbsent(row.getLong(1), id -> new ArrayList<>()).add(row);
                }
            }
            // a list whose rows reached the limit stopped at its last parent: the ones after it are read one by one,
            // and that one is counted unless it was read past the window
            List<String> followUp = new ArrayList<>();
            for (EmbeddedList list : lists) {
                Map<Long, List<Row>> byParent = read.get(list);
                if (byParent.values().stream().mapToInt(List::size).sum() < limit) {
                    continue;
                }
                // parents are read in ascending order: the one the limit stopped in is the largest read
                Long last = byParent.keySet().stream().max(Long::compare).orElseThrow();
                // the last one's first page and its cut are known if more than a page of it was read
                boolean lastShown = byParent.get(last).size() > reads.links();
                if (lastShown && reads.totals() && byParent.get(last).size() <= Listing.WINDOW) {
                    followUp.add(list.count(last));
                }
                for (Long id : ids) {
                    if (id > last || id.equals(last) && !lastShown) {
                        byParent.remove(id);
                        followUp.add(list.rows("= " + id, reads.links() + 1));
                        if (reads.totals()) {
                            followUp.add(list.count(id));
                        }
                    }
                }
            }
            Uni<List<Row>> more = followUp.isEmpty() ? Uni.createFrom().item(List.of())
                    : client.query(String.join(" UNION ALL ", followUp)).execute().map(ViewLoader::list);
            return more.map(extra -> {
                for (Row row : extra) {
                    int kind = row.getInteger(0);
                    if (kind > 10) {
                        counts.get(kindOf(kind - 10)).put(row.getLong(1), row.getLong(5));
                    } else {
                        read.get(kindOf(kind)).computeIfAbsent(row.getLong(1), id -> new ArrayList<>()).add(row);
                    }
                }
                Map<EmbeddedList, Map<Long, EmbeddedRows>> links = new EnumMap<>(EmbeddedList.class);
                read.forEach((list, byParent) -> {
                    Map<Long, EmbeddedRows> ofList = new HashMap<>();
                    for (Long id : ids) {
                        List<Row> all = byParent.getOrDefault(id, List.of());
                        boolean cut = all.size() > reads.links();
                        ofList.put(id, new EmbeddedRows(cut ? List.copyOf(all.subList(0, reads.links())) : all, cut,
                                counts.get(list).getOrDefault(id, (long) all.size())));
                    }
                    links.put(list, ofList);
                });
                return new Read(ownRows, links);
            });
        });
    }

    private static EmbeddedList kindOf(int kind) {
        return EmbeddedList.values()[kind - 1];
    }

    /**
     * Loads {@code ids} {@link #BATCH} at a time, one batch after the other, and fails once the views hold more than
     * {@link Reads#maxRefs()} objects and links ({@code refs} of each).
     */
    private static <V> Uni<Loaded<V>> inBatches(Collection<Long> ids, Reads reads, ToIntFunction<V> refs,
            Function<List<Long>, Uni<Loaded<V>>> load) {
        List<Long> all = ids.stream().distinct().toList();
        Uni<Loaded<V>> loaded = Uni.createFrom().item(new Loaded<>(new HashMap<>(), new HashSet<>()));
        int[] held = { 0 };
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Long> batch = all.subList(from, Math.min(from + BATCH, all.size()));
            loaded = loaded.chain(sofar -> load.apply(batch).map(next -> {
                held[0] += next.byId().values().stream().mapToInt(refs).sum();
                if (held[0] > reads.maxRefs()) {
                    throw new TooManyRows();
                }
                sofar.byId().putAll(next.byId());
                sofar.cut().addAll(next.cut());
                return sofar;
            }));
        }
        return loaded;
    }

    /** What embedding the author whole holds: itself and its references (as {@link Expander} counts them). */
    static int refs(AuthorView author) {
        return 1 + (author.featuredVideo() != null ? 1 : 0) + author.videos().size() + author.credits().size();
    }

    /** What embedding the video whole holds: itself and its references. */
    static int refs(VideoView video) {
        return 1 + (video.author() != null ? 1 : 0) + (video.featuredBy() != null ? 1 : 0) + video.credits().size();
    }

    /** Where the rest of a cut list is, with its total; null if nothing was cut or nothing was counted. */
    private static MoreLinks more(EmbeddedRows links, String list, String keyField) {
        if (!links.cut() || links.total() == null) {
            return null;
        }
        return MoreLinks.after(links.total(), list, keyField, links.shown().get(links.shown().size() - 1).getLong(2));
    }

    private static List<Row> list(Iterable<Row> rows) {
        List<Row> list = new ArrayList<>();
        rows.forEach(list::add);
        return list;
    }

    /** {@code (1, 2, 3)}: typed ids, so nothing but digits reaches the statement. */
    private static String in(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }
}

package io.reelgraph.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.reelgraph.database.Transactions;
import io.reelgraph.error.ApiException;
import io.reelgraph.error.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.mysqlclient.MySQLClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code POST /graph}: checks a document, then writes it in one transaction, all or nothing.
 * <p>
 * Bulk rows go through the reactive client's batches rather than entities: an entity insert with a generated id is
 * one round trip per row, which for tens of thousands of rows is what would bound an import. Authors and videos are
 * inserted as prepared-statement batches (each execution reports its generated id), links as multi-row inserts and
 * batched updates. The rows the document refers to are locked while it is checked and written.
 */
@ApplicationScoped
public class GraphImport {

    /** Rows per multi-row insert, and ids per {@code IN (...)}: well within the protocol's 65,535 parameters. */
    private static final int CHUNK = 1_000;
    /** The answer lists this many errors at most, and counts the rest. */
    private static final int MAX_LISTED_ERRORS = 1_000;

    private final Pool pool;

    private final Transactions transactions;

    GraphImport(Pool pool, Transactions transactions) {
        this.pool = pool;
        this.transactions = transactions;
    }

    public Uni<ImportResult> run(GraphDocument document) {
        ImportPlan plan = ImportPlan.of(document);
        requireValid(plan.violations());
        return transactions.write(pool, connection -> checkExisting(connection, plan)
                .chain(() -> insert(connection, plan)));
    }

    private static void requireValid(List<Problem.Violation> violations) {
        if (violations.isEmpty()) {
            return;
        }
        List<Problem.Violation> listed = violations.stream().limit(MAX_LISTED_ERRORS).toList();
        throw ApiException.invalid("The graph has " + violations.size() + (violations.size() == 1 ? " error" : " errors")
                + (listed.size() < violations.size() ? " (the first " + listed.size() + " are listed)" : "")
                + "; nothing was imported", listed);
    }

    /** The referenced rows exist, and the links to add do not exist already (a link is never taken over). */
    private static Uni<Void> checkExisting(SqlConnection connection, ImportPlan plan) {
        return select(connection, "SELECT id, featured_video_id FROM author", "id = ?", keys(plan.existingAuthors.keySet()))
                .chain(authors -> select(connection, "SELECT v.id, v.author_id, a.id FROM video v"
                        + " LEFT JOIN author a ON a.featured_video_id = v.id", "v.id = ?", keys(plan.existingVideos.keySet()))
                        .chain(videos -> existingCredits(connection, plan).map(credits -> {
                            Map<Long, Row> authorRows = byId(authors);
                            Map<Long, Row> videoRows = byId(videos);
                            Set<String> existingCredits = credits.stream()
                                    .map(credit -> credit.getLong(0) + " " + credit.getLong(1)).collect(Collectors.toSet());
                            missing(plan, plan.existingAuthors, authorRows, "author");
                            missing(plan, plan.existingVideos, videoRows, "video");
                            for (ImportPlan.PlannedEdge link : plan.links) {
                                Row author = link.author().isNew() ? null : authorRows.get(link.author().existingId());
                                Row video = link.video().isNew() ? null : videoRows.get(link.video().existingId());
                                taken(plan, link, author, video, existingCredits);
                            }
                            requireValid(plan.violations());
                            return null;
                        })));
    }

    private static void missing(ImportPlan plan, Map<Long, String> referenced, Map<Long, Row> found, String type) {
        referenced.forEach((id, pointer) -> {
            if (!found.containsKey(id)) {
                plan.violation(pointer, type + " " + id + " does not exist");
            }
        });
    }

    private static void taken(ImportPlan plan, ImportPlan.PlannedEdge link, Row author, Row video,
            Set<String> existingCredits) {
        switch (link.kind()) {
            case GraphEdge.UPLOAD -> {
                if (video != null && video.getLong(1) != null) {
                    plan.violation(link.pointer(), link.video().key() + " is already uploaded by author:" + video.getLong(1));
                }
            }
            case GraphEdge.FEATURED -> {
                if (author != null && author.getLong(1) != null) {
                    plan.violation(link.pointer(), link.author().key() + " already features video:" + author.getLong(1));
                }
                if (video != null && video.getLong(2) != null) {
                    plan.violation(link.pointer(), link.video().key() + " is already featured by author:" + video.getLong(2));
                }
            }
            default -> {
                if (author != null && video != null && existingCredits.contains(
                        link.author().existingId() + " " + link.video().existingId())) {
                    plan.violation(link.pointer(), link.author().key() + " is already credited on " + link.video().key());
                }
            }
        }
    }

    /**
     * Existing credits among the credit edges whose both ends exist: looked up by their keys, so that an author or a
     * video with a million credits costs no more than one with none.
     */
    private static Uni<List<Row>> existingCredits(SqlConnection connection, ImportPlan plan) {
        List<List<Object>> pairs = plan.links.stream()
                .filter(link -> GraphEdge.CREDIT.equals(link.kind()) && !link.author().isNew() && !link.video().isNew())
                .map(link -> List.<Object> of(link.author().existingId(), link.video().existingId())).distinct().toList();
        return select(connection, "SELECT author_id, video_id FROM video_author", "(author_id = ? AND video_id = ?)",
                pairs);
    }

    private Uni<ImportResult> insert(SqlConnection connection, ImportPlan plan) {
        Map<ImportPlan.PlannedRow, Long> ids = new HashMap<>();
        Map<ImportPlan.PlannedRow, ImportPlan.PlannedRow> uploaderOf = new HashMap<>();
        plan.links.stream().filter(link -> GraphEdge.UPLOAD.equals(link.kind()))
                .forEach(link -> uploaderOf.put(link.video(), link.author()));
        return insertEach(connection, "INSERT INTO author (name) VALUES (?)", plan.newAuthors,
                author -> Tuple.of(author.fields().name()), ids)
                // a new video's uploader goes into its row: authors are inserted first
                .chain(() -> insertEach(connection, "INSERT INTO video (code, img, score, author_id) VALUES (?, ?, ?, ?)",
                        plan.newVideos, video -> Tuple.of(video.fields().code(), video.fields().img(),
                                video.fields().score(), idOf(uploaderOf.get(video), ids)),
                        ids))
                .chain(() -> batch(connection, "UPDATE video SET author_id = ?, version = version + 1 WHERE id = ?",
                        plan.links.stream().filter(link -> GraphEdge.UPLOAD.equals(link.kind()) && !link.video().isNew())
                                .map(link -> Tuple.of(idOf(link.author(), ids), link.video().existingId())).toList()))
                // the featured link changes the author's row: its version moves if the author existed before
                .chain(() -> batch(connection, "UPDATE author SET featured_video_id = ?, version = version + ? WHERE id = ?",
                        plan.links.stream().filter(link -> GraphEdge.FEATURED.equals(link.kind()))
                                .map(link -> Tuple.of(idOf(link.video(), ids), link.author().isNew() ? 0 : 1,
                                        idOf(link.author(), ids)))
                                .toList()))
                .chain(() -> insertCredits(connection, plan.links.stream()
                        .filter(link -> GraphEdge.CREDIT.equals(link.kind())).toList(), ids))
                .map(ignored -> {
                    Map<String, String> created = new LinkedHashMap<>();
                    plan.newAuthors.forEach(author -> created.put(author.key(), GraphNode.authorId(ids.get(author))));
                    plan.newVideos.forEach(video -> created.put(video.key(), GraphNode.videoId(ids.get(video))));
                    return new ImportResult(created, created.size(), plan.links.size());
                });
    }

    /** One execution per node, in one batch; each execution's generated id is the node's. */
    private static Uni<Void> insertEach(SqlConnection connection, String sql, List<ImportPlan.PlannedRow> nodes,
            Function<ImportPlan.PlannedRow, Tuple> values, Map<ImportPlan.PlannedRow, Long> ids) {
        if (nodes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(sql).executeBatch(nodes.stream().map(values).toList())
                .invoke(results -> {
                    RowSet<Row> result = results;
                    for (ImportPlan.PlannedRow node : nodes) {
                        ids.put(node, result.property(MySQLClient.LAST_INSERTED_ID));
                        result = result.next();
                    }
                })
                .replaceWithVoid();
    }

    private static Uni<Void> batch(SqlConnection connection, String sql, List<Tuple> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
    }

    /** Credits have no generated key: multi-row inserts, a chunk at a time. */
    private static Uni<Void> insertCredits(SqlConnection connection, List<ImportPlan.PlannedEdge> credits,
            Map<ImportPlan.PlannedRow, Long> ids) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (int from = 0; from < credits.size(); from += CHUNK) {
            List<ImportPlan.PlannedEdge> chunk = credits.subList(from, Math.min(from + CHUNK, credits.size()));
            Tuple values = Tuple.tuple();
            chunk.forEach(link -> values.addLong(idOf(link.author(), ids)).addLong(idOf(link.video(), ids))
                    .addString(link.extraData()));
            String sql = "INSERT INTO video_author (author_id, video_id, extra_data) VALUES "
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?, ?)"));
            done = done.chain(() -> connection.preparedQuery(sql).execute(values).replaceWithVoid());
        }
        return done;
    }

    private static Long idOf(ImportPlan.PlannedRow node, Map<ImportPlan.PlannedRow, Long> ids) {
        return node == null ? null : node.isNew() ? ids.get(node) : node.existingId();
    }

    private static List<List<Object>> keys(Collection<Long> ids) {
        return ids.stream().map(id -> List.<Object> of(id)).toList();
    }

    /**
     * Rows of {@code select} whose key is one of {@code keys}, each bound to {@code key} ({@code id = ?}), a chunk of
     * keys at a time, locked for the rest of the transaction.
     */
    private static Uni<List<Row>> select(SqlConnection connection, String select, String key, List<List<Object>> keys) {
        Uni<List<Row>> rows = Uni.createFrom().item(new ArrayList<>());
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<List<Object>> chunk = keys.subList(from, Math.min(from + CHUNK, keys.size()));
            String sql = select + " WHERE " + chunk.stream().map(values -> key).collect(Collectors.joining(" OR "))
                    + " FOR UPDATE";
            List<Object> args = chunk.stream().flatMap(List::stream).toList();
            rows = rows.chain(found -> connection.preparedQuery(sql).execute(Tuple.wrap(new ArrayList<>(args)))
                    .map(result -> {
                        result.forEach(found::add);
                        return found;
                    }));
        }
        return rows;
    }

    private static Map<Long, Row> byId(List<Row> rows) {
        return rows.stream().collect(Collectors.toMap(row -> row.getLong(0), Function.identity(), (a, b) -> a));
    }
}

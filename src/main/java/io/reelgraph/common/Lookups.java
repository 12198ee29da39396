package io.reelgraph.common;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.reelgraph.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Turns "not found" into the API's 404 problems. */
public final class Lookups {

    private Lookups() {
    }

    /** Fails with a 404 naming {@code kind} and {@code id} when the entity is missing. */
    public static <T> Uni<T> require(Uni<T> lookup, String kind, Object id) {
        return lookup.onItem().ifNull().failWith(() -> ApiException.notFound(kind, id));
    }

    /** Fails with a 404 when {@code table} has no row of that id; read on the reactive client, outside a session. */
    public static Uni<Void> requireRow(SqlClient client, String table, Long id) {
        return client.preparedQuery("SELECT 1 FROM " + table + " WHERE id = ?").execute(Tuple.of(id))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound(table, id);
                    }
                }).replaceWithVoid();
    }

    /** A delete of one row by its key: 404 (with {@code notFound}) when there was none. */
    public static Uni<Void> requireDeleted(Uni<Long> deletedRows, Supplier<ApiException> notFound) {
        return deletedRows.invoke(deleted -> {
            if (deleted == 0) {
                throw notFound.get();
            }
        }).replaceWithVoid();
    }

    /**
     * Loads the entities of {@code ids} (as referenced by a request body) by id, or fails with one 404 that names
     * every id that does not exist.
     */
    public static <T> Uni<Map<Long, T>> requireAll(List<Long> ids, Function<List<Long>, Uni<List<T>>> load,
            Function<T, Long> idOf, String kind) {
        List<Long> distinct = ids.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(Collections.emptyMap());
        }
        return load.apply(distinct).map(found -> {
            Set<Long> present = found.stream().map(idOf).collect(Collectors.toSet());
            List<Long> missing = distinct.stream().filter(id -> !present.contains(id)).toList();
            if (!missing.isEmpty()) {
                throw ApiException.notFound((missing.size() == 1 ? kind + " " : kind + "s ")
                        + missing.stream().map(String::valueOf).collect(Collectors.joining(", "))
                        + (missing.size() == 1 ? " does not exist" : " do not exist"));
            }
            return found.stream().collect(Collectors.toMap(idOf, Function.identity()));
        });
    }
}

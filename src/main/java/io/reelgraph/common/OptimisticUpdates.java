package io.reelgraph.common;

import java.util.function.BiFunction;

import io.quarkus.panache.common.Parameters;
import io.reelgraph.error.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * Updates of a row's own fields under optimistic locking. With If-Match the client names the version it read: any
 * other version is a 412, also when another write lands between the check and the conditional update. Without
 * If-Match the update is unconditional and the last write wins.
 */
public final class OptimisticUpdates {

    private OptimisticUpdates() {
    }

    /**
     * Sets {@code assignments} ({@code "name = :name"}, with {@code params}) on the row of {@code id} and bumps its
     * version, through {@code update} (the entity's Panache {@code update}). The row was read at {@code version}:
     * with If-Match, a 412 unless that is the version named, and the update is conditional on it.
     */
    public static Uni<Void> update(String ifMatch, String kind, Long id, long version, String assignments,
            Parameters params, BiFunction<String, Parameters, Uni<Integer>> update) {
        check(ifMatch, kind, id, version);
        String statement = assignments + ", version = version + 1 where id = :id";
        Parameters withId = params.and("id", id);
        if (ifMatch == null) {
            return update.apply(statement, withId).replaceWithVoid();
        }
        return update.apply(statement + " and version = :version", withId.and("version", version))
                .invoke(updated -> requireUpdated(updated, kind, id))
                .replaceWithVoid();
    }

    /** The If-Match check against the version read: a 412 unless the header is absent or names it. */
    private static void check(String ifMatch, String kind, Long id, long version) {
        if (ifMatch != null && !Versioned.matches(ifMatch, version)) {
            throw stale(kind, id, "is at version \"" + version + "\", not " + ifMatch);
        }
    }

    /** After an update conditional on the version read: no row updated means another write came first. */
    private static void requireUpdated(int updatedRows, String kind, Long id) {
        if (updatedRows == 0) {
            throw stale(kind, id, "was changed by another request meanwhile");
        }
    }

    private static ApiException stale(String kind, Long id, String what) {
        return ApiException.preconditionFailed(kind + " " + id + " " + what + "; read it and retry");
    }
}

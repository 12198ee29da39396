package io.reelgraph.common;

import io.reelgraph.error.ApiException;

/**
 * Updates of a row's own fields under optimistic locking. With If-Match the client names the version it read: any
 * other version is a 412, also when another write lands between the check and the conditional update. Without
 * If-Match the update is unconditional and the last write wins.
 */
public final class OptimisticUpdates {

    private OptimisticUpdates() {
    }

    /** The If-Match check against the version read: a 412 unless the header is absent or names it. */
    public static void check(String ifMatch, String kind, Long id, long version) {
        if (ifMatch != null && !Versioned.matches(ifMatch, version)) {
            throw stale(kind, id, "is at version \"" + version + "\", not " + ifMatch);
        }
    }

    /** After an update conditional on the version read: no row updated means another write came first. */
    public static void requireUpdated(int updatedRows, String kind, Long id) {
        if (updatedRows == 0) {
            throw stale(kind, id, "was changed by another request meanwhile");
        }
    }

    private static ApiException stale(String kind, Long id, String what) {
        return ApiException.preconditionFailed(kind + " " + id + " " + what + "; read it and retry");
    }
}

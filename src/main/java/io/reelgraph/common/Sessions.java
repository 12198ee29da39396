package io.reelgraph.common;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

public final class Sessions {

    private Sessions() {
    }

    /**
     * Writes pending changes and empties the session, so that a read after a write loads fresh rows with its own
     * fetch plan: an entity already in the session keeps its state (a bulk update does not touch it) and its unloaded
     * lazy attributes (a later join fetch does not fill them).
     */
    public static Uni<Void> flushAndClear() {
        return Panache.getSession().chain(session -> session.flush().invoke(session::clear));
    }
}

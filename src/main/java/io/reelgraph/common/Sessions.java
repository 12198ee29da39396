package io.reelgraph.common;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

public final class Sessions {

    private Sessions() {
    }

    /**
     * Writes pending changes and empties the session, so that a read after a write loads its own fetch plan:
     * Hibernate does not initialize the lazy attributes of an entity already in the session from a later join fetch.
     */
    public static Uni<Void> flushAndClear() {
        return Panache.getSession().chain(session -> session.flush().invoke(session::clear));
    }
}

package io.reelgraph.catalogue;

import java.util.Collection;

import org.hibernate.Hibernate;

/**
 * Keeps the inverse side of an association in sync only where it is loaded. Hibernate Reactive cannot load a
 * collection behind our back, and an unloaded one needs no sync: its next fetch reads the owning side.
 */
final class LoadedCollections {

    private LoadedCollections() {
    }

    static <T> void sync(Collection<T> collection, T element, boolean added) {
        if (!Hibernate.isInitialized(collection)) {
            return;
        }
        if (added) {
            if (!collection.contains(element)) {
                collection.add(element);
            }
        } else {
            collection.remove(element);
        }
    }
}

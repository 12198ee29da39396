package io.reelgraph.common;

import java.util.List;

public final class Lists {

    private Lists() {
    }

    /** An absent JSON array reads as null; treat it as empty. */
    public static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

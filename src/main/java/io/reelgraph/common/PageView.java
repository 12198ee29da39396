package io.reelgraph.common;

import java.util.List;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of a list, with what a client needs to fetch the others. */
@RegisterForReflection
public record PageView<T>(List<T> items, int page, int size, long total, int totalPages) {

    public static <T> PageView<T> of(List<T> items, PageQuery query, long total) {
        return new PageView<>(items, query.page(), query.size(), total, (int) ((total + query.size() - 1) / query.size()));
    }
}

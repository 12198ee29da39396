package io.reelgraph.common;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Puts entities fetched with {@code id in (...)} back into the order of the ids (a page's sort order). */
public final class EntityOrder {

    private EntityOrder() {
    }

    public static <T> List<T> byIds(List<Long> ids, List<T> entities, Function<T, Long> idOf) {
        Map<Long, T> byId = entities.stream().collect(Collectors.toMap(idOf, Function.identity(), (a, b) -> a));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** The ids that are not among the fetched entities, for a 404 that names all of them. */
    public static <T> List<Long> missing(List<Long> ids, List<T> entities, Function<T, Long> idOf) {
        Predicate<Long> found = entities.stream().map(idOf).collect(Collectors.toSet())::contains;
        return ids.stream().filter(found.negate()).distinct().toList();
    }
}

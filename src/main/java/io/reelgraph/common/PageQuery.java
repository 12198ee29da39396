package io.reelgraph.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.reelgraph.error.ApiException;

/**
 * A page of a list and its order. {@code sort} is a comma list of fields, each optionally prefixed with {@code -}
 * for descending; only the fields a list allows are accepted, and the id always breaks ties so pages are stable.
 */
public record PageQuery(int page, int size, String orderBy) {

    public static final int MAX_SIZE = 100;
    /** Keeps page * size within an int offset. */
    public static final int MAX_PAGE = 10_000_000;

    /** @param sortable API field name to HQL path, for example {@code name -> a.name} */
    public static PageQuery of(int page, int size, String sort, Map<String, String> sortable, String idPath) {
        List<String> order = new ArrayList<>();
        if (sort != null && !sort.isBlank()) {
            for (String term : sort.split(",")) {
                String field = term.strip();
                boolean descending = field.startsWith("-");
                String path = sortable.get(descending ? field.substring(1) : field);
                if (path == null) {
                    throw ApiException.invalid("sort", "cannot sort by '" + field + "'; sortable fields: "
                            + String.join(", ", sortable.keySet().stream().sorted().toList())
                            + " (prefix with - for descending)");
                }
                order.add(path + (descending ? " desc" : ""));
            }
        }
        if (order.stream().noneMatch(o -> o.startsWith(idPath + " ") || o.equals(idPath))) {
            order.add(idPath);
        }
        return new PageQuery(page, size, String.join(", ", order));
    }

    public int firstResult() {
        return page * size;
    }

    /** A LIKE pattern matching values that contain {@code text} literally; '!' is the escape character. */
    public static String containsPattern(String text) {
        return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}

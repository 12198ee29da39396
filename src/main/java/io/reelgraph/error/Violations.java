package io.reelgraph.error;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Collects the cross-field problems of a request, so that all of them are reported at once. */
public final class Violations {

    private final List<Problem.Violation> found = new ArrayList<>();

    public Violations add(String field, String message) {
        found.add(new Problem.Violation(field, message));
        return this;
    }

    /** A link names a new object or an existing id; with {@code required}, one of them must be there. */
    public Violations oneOf(String prefix, String objectField, Object object, String idField, Long id,
            boolean required) {
        if (object != null && id != null) {
            add(prefix + idField, "give either '" + objectField + "' or '" + idField + "', not both");
        } else if (required && object == null && id == null) {
            add(prefix + idField, "give either '" + objectField + "' (a new one) or '" + idField + "' (an existing one)");
        }
        return this;
    }

    /**
     * Each credit of a list names a new end or an existing one (with {@link #oneOf}), and no existing end twice.
     *
     * @param kind what the ends are, for the message: "video" or "author"
     */
    public <T> Violations credits(List<T> credits, String objectField, Function<T, Object> object, String idField,
            Function<T, Long> id, String kind) {
        Set<Long> credited = new HashSet<>();
        for (int i = 0; i < credits.size(); i++) {
            T credit = credits.get(i);
            String prefix = "credits[" + i + "].";
            oneOf(prefix, objectField, object.apply(credit), idField, id.apply(credit), true);
            Long existing = id.apply(credit);
            if (existing != null && !credited.add(existing)) {
                add(prefix + idField, kind + " " + existing + " is credited twice");
            }
        }
        return this;
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw ApiException.invalid(List.copyOf(found));
        }
    }
}

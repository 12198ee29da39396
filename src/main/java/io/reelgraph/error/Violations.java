package io.reelgraph.error;

import java.util.ArrayList;
import java.util.List;

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

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw ApiException.invalid(List.copyOf(found));
        }
    }
}

package io.reelgraph.common;

/** A representation of a row with an optimistic-locking version: its ETag. */
public interface Versioned {

    long version();

    default String etag() {
        return "\"" + version() + "\"";
    }

    /**
     * Whether an If-Match header value names this version: a list of entity tags, or {@code *}. Weak tags never
     * match (RFC 9110 compares If-Match strongly).
     */
    static boolean matches(String ifMatch, long version) {
        for (String tag : ifMatch.split(",")) {
            String trimmed = tag.strip();
            if (trimmed.equals("*") || trimmed.equals("\"" + version + "\"")) {
                return true;
            }
        }
        return false;
    }
}

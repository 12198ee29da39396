package io.reelgraph.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ETags and If-Match as RFC 9110 compares them: strongly, in a list, or {@code *}. */
class VersionedUnitTest {

    @Test
    void theEtagIsTheQuotedVersion() {
        Versioned three = () -> 3;
        assertEquals("\"3\"", three.etag());
    }

    @Test
    void ifMatchNamesTheVersionStronglyInAListOrAsAStar() {
        assertTrue(Versioned.matches("\"3\"", 3));
        assertTrue(Versioned.matches("\"1\", \"3\"", 3));
        assertTrue(Versioned.matches("*", 3));
        assertFalse(Versioned.matches("W/\"3\"", 3), "a weak tag never matches");
        assertFalse(Versioned.matches("3", 3), "an unquoted version is no entity tag");
        assertFalse(Versioned.matches("\"33\"", 3));
    }
}

package io.reelgraph.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.reelgraph.error.ApiException;

/** Cursors round-trip every value type a sort column has, and anything else is refused as a 400. */
class CursorUnitTest {

    @Test
    void everyValueTypeRoundTrips() {
        for (Object value : new Object[] { null, 42L, -0.0f, Float.MIN_VALUE, "a\nb ✓", "" }) {
            Cursor cursor = new Cursor("-score", value, 7);
            assertEquals(cursor, Cursor.decode(cursor.encode()), String.valueOf(value));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "!!", "c29ydA", "c29ydAo3Cnh5", "c29ydAp4CmwxMg", "c29ydAo3Cm4x" })
    void anythingElseIsRefused(String cursor) {
        ApiException refused = assertThrows(ApiException.class, () -> Cursor.decode(cursor));
        assertEquals("cursor", refused.problem().violations().get(0).field());
    }

    @Test
    void theRefusedExamplesAreWhatTheySay() {
        // "sort\n7\nxy" (unknown value type), "sort\nx\nl12" (no key), "sort\n7\nn1" (a null with a value)
        assertEquals("sort\n7\nxy", decode("c29ydAo3Cnh5"));
        assertEquals("sort\nx\nl12", decode("c29ydAp4CmwxMg"));
        assertEquals("sort\n7\nn1", decode("c29ydAo3Cm4x"));
    }

    private static String decode(String base64) {
        return new String(Base64.getUrlDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}

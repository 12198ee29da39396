package io.reelgraph.listing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.reelgraph.error.ApiException;

/** What a list decides before it reads anything: its one sort field, and filters as the SQL will take them. */
class ListingUnitTest {

    private static final Listing.Table VIDEOS = new Listing.Table("video v", "", "v.id",
            Map.of("id", Listing.Column.id("v.id"), "code", Listing.Column.text("v.code"),
                    "score", Listing.Column.nullableFloat("v.score")),
            Map.of());

    @Test
    void oneKnownFieldSortsInEitherDirection() {
        assertDoesNotThrow(() -> Listing.of(VIDEOS, "-score"));
        assertDoesNotThrow(() -> Listing.of(VIDEOS, " code "));
        assertDoesNotThrow(() -> Listing.of(VIDEOS, null, Listing.Filter.atLeast("minScore", "v.score", 5f)));
        assertEquals("sort by one field; ties are broken by id, in the same direction", refused(() -> Listing.of(VIDEOS,
                "score,id")));
        assertEquals("cannot sort by '-img'; sortable fields: code, id, score (prefix with - for descending)",
                refused(() -> Listing.of(VIDEOS, "-img")));
    }

    @Test
    void aPrefixFilterEscapesWhatLikeWouldReadAsPatterns() {
        Listing.Filter filter = Listing.Filter.startsWith("code", "v.code", "50%_!x");
        assertEquals("v.code LIKE ? ESCAPE '!'", filter.sql());
        assertEquals("50!%!_!!x%", filter.value());
        assertEquals(true, filter.range());
        assertNull(Listing.Filter.startsWith("code", "v.code", ""));
        assertNull(Listing.Filter.equal("authorId", "v.author_id", null));
        assertEquals("v.author_id = ?", Listing.Filter.equal("authorId", "v.author_id", 3L).sql());
    }

    @Test
    void aViewLinksToTheRestOfAListByACursorInKeyOrder() {
        assertEquals(new Cursor("id", null, 20), Cursor.decode(Listing.cursorAfterKey("id", 20)));
    }

    private static String refused(Runnable listing) {
        ApiException refused = assertThrows(ApiException.class, listing::run);
        assertEquals("sort", refused.problem().violations().get(0).field());
        return refused.problem().violations().get(0).message();
    }
}

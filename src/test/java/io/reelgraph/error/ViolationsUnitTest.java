package io.reelgraph.error;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Cross-field checks collect every violation before one 400 reports them all. */
class ViolationsUnitTest {

    record Credit(Object video, Long videoId) {
    }

    @Test
    void aLinkNamesANewObjectOrAnIdNotBoth() {
        assertDoesNotThrow(() -> new Violations().oneOf("", "video", null, "videoId", null, false).throwIfAny());
        List<Problem.Violation> found = violations(new Violations()
                .oneOf("", "video", "new", "videoId", 1L, false)
                .oneOf("", "author", null, "authorId", null, true));
        assertEquals(List.of(
                new Problem.Violation("videoId", "give either 'video' or 'videoId', not both"),
                new Problem.Violation("authorId", "give either 'author' (a new one) or 'authorId' (an existing one)")),
                found);
    }

    @Test
    void eachCreditIsCheckedAndAnExistingEndCreditedOnce() {
        List<Credit> credits = Arrays.asList(new Credit(null, 5L), new Credit("new", null), new Credit(null, 5L),
                new Credit(null, null));
        List<Problem.Violation> found = violations(new Violations().credits(credits, "video", Credit::video,
                "videoId", Credit::videoId, "video"));
        assertEquals(List.of("credits[2].videoId", "credits[3].videoId"),
                found.stream().map(Problem.Violation::field).toList());
        assertEquals("video 5 is credited twice", found.get(0).message());
    }

    private static List<Problem.Violation> violations(Violations violations) {
        ApiException invalid = assertThrows(ApiException.class, violations::throwIfAny);
        assertEquals(400, invalid.problem().status());
        return invalid.problem().violations();
    }
}

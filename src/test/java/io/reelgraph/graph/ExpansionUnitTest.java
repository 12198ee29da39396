package io.reelgraph.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.reelgraph.error.ApiException;

/** The parsing of {@code expand}, without a server: the tree it builds and the paths it refuses. */
class ExpansionUnitTest {

    @Test
    void pathsSharingAPrefixBuildOneTree() {
        Expansion expansion = Expansion.ofAuthor("videos, credits.video.credits.author,credits.video.author");
        assertEquals(List.of("videos", "credits"), List.copyOf(expansion.children().keySet()));
        Expansion video = expansion.child("credits").child("video");
        assertEquals(List.of("credits", "author"), List.copyOf(video.children().keySet()));
        assertTrue(video.child("credits").has("author"));
        assertSame(Expansion.NONE, expansion.child("featuredVideo"));
        assertSame(Expansion.NONE, Expansion.ofVideo("  "));
    }

    @Test
    void namesAreCheckedAgainstTheTypeTheyApplyTo() {
        assertEquals("'videos' names an unknown relationship 'videos'; video relationships: author, credits,"
                + " featuredBy", refused(() -> Expansion.ofVideo("videos")));
        assertTrue(refused(() -> Expansion.ofAuthor("credits.author")).contains("author credit relationships: video"));
        assertTrue(refused(() -> Expansion.ofAuthor("videos,")).contains("empty relationship name"));
        assertTrue(refused(() -> Expansion.ofAuthor("credits.video.credits.author.videos")).contains("deeper than 4"));
        assertTrue(refused(() -> Expansion.ofAuthor("videos,".repeat(100))).contains("longer than 500"));
    }

    private static String refused(Runnable parse) {
        ApiException refused = assertThrows(ApiException.class, parse::run);
        assertEquals("expand", refused.problem().violations().get(0).field());
        return refused.problem().violations().get(0).message();
    }
}

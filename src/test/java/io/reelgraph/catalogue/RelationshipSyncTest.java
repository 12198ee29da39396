package io.reelgraph.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The entities keep both ends of each relationship in sync in memory, like SQLAlchemy's back_populates. */
class RelationshipSyncTest {

    @Test
    void featuredVideoFromEitherSide() {
        Author author = new Author("test_author");
        Video first = new Video("first", null, null);
        Video second = new Video("second", null, null);

        author.setFeaturedVideo(first);
        assertSame(author, first.getFeaturedBy());

        second.setFeaturedBy(author);
        assertSame(second, author.getFeaturedVideo());
        assertNull(first.getFeaturedBy(), "the replaced video is released");

        Author other = new Author("other");
        second.setFeaturedBy(other);
        assertSame(other, second.getFeaturedBy());
        assertNull(author.getFeaturedVideo(), "the video's previous featurer is released");

        second.setFeaturedBy(null);
        assertNull(other.getFeaturedVideo());
        assertNull(second.getFeaturedBy());
    }

    @Test
    void uploadsFromEitherSide() {
        Author author = new Author("test_author");
        Video a = new Video("video a", "123", 9f);
        Video b = new Video("video b", "456", 8f);

        author.addVideo(a);
        b.setAuthor(author);
        assertEquals(List.of(a, b), author.getVideos());
        assertSame(author, a.getAuthor());

        Author other = new Author("other");
        a.setAuthor(other);
        assertEquals(List.of(b), author.getVideos());
        assertEquals(List.of(a), other.getVideos());

        b.setAuthor(null);
        assertTrue(author.getVideos().isEmpty());
        assertNull(b.getAuthor());
    }

    @Test
    void creditsAppearOnBothEnds() {
        Author author = new Author("test_author");
        Video video = new Video("video a", null, null);

        VideoAuthor credit = VideoAuthor.link(author, video, "a a");

        assertEquals(List.of(credit), author.getCredits());
        assertEquals(List.of(credit), video.getCredits());
        assertSame(author, credit.getAuthor());
        assertSame(video, credit.getVideo());
        assertEquals("a a", credit.extraData);
    }
}

package io.reelgraph.author;

import java.util.List;

import io.reelgraph.common.Versioned;
import io.reelgraph.credit.CreditedVideo;
import io.reelgraph.video.VideoRef;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An author with its three relationships as compact references. */
@RegisterForReflection
public record AuthorView(Long id, String name, long version, VideoRef featuredVideo, List<VideoRef> videos,
        List<CreditedVideo> credits) implements Versioned {

    /** Needs featuredVideo, videos and credits with their videos fetched: see {@link Author#findWithRelations}. */
    public static AuthorView of(Author author) {
        return new AuthorView(author.id, author.name, author.version,
                VideoRef.of(author.getFeaturedVideo()),
                author.getVideos().stream().map(VideoRef::of).toList(),
                author.getCredits().stream().map(CreditedVideo::of).toList());
    }
}

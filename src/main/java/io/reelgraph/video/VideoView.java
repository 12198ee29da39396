package io.reelgraph.video;

import java.util.List;

import io.reelgraph.author.AuthorRef;
import io.reelgraph.common.Versioned;
import io.reelgraph.credit.CreditedAuthor;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A video with its three relationships as compact references. */
@RegisterForReflection
public record VideoView(Long id, String code, String img, Float score, long version, AuthorRef author,
        AuthorRef featuredBy, List<CreditedAuthor> credits) implements Versioned {

    /** Needs author, featuredBy and credits with their authors fetched: see {@link Video#findWithRelations}. */
    public static VideoView of(Video video) {
        return new VideoView(video.id, video.code, video.img, video.score, video.version,
                AuthorRef.of(video.getAuthor()),
                AuthorRef.of(video.getFeaturedBy()),
                video.getCredits().stream().map(CreditedAuthor::of).toList());
    }
}

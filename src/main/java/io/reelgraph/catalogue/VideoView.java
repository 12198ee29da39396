package io.reelgraph.catalogue;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reelgraph.common.Versioned;
import io.reelgraph.listing.MoreLinks;

/**
 * A video with its three relationships: compact references, or whole authors where {@code expand} asks for them
 * (see {@code graph.Expander}). {@code credits} is the first page of {@code /videos/{id}/credits};
 * {@code more} is there only when it is longer.
 */
@RegisterForReflection
public record VideoView(Long id, String code, String img, Float score, long version, AuthorNode author,
        AuthorNode featuredBy, List<CreditedAuthor> credits, @JsonInclude(JsonInclude.Include.NON_NULL) More more)
        implements
            VideoNode,
            Versioned {

    /** The credits of a video when they do not fit in its view. */
    @RegisterForReflection
    @Schema(name = "VideoMore")
    public record More(MoreLinks credits) {
    }
}

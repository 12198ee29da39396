package io.reelgraph.catalogue;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reelgraph.common.Versioned;
import io.reelgraph.listing.MoreLinks;

/**
 * An author with its three relationships: compact references, or whole videos where {@code expand} asks for them
 * (see {@code graph.Expander}). {@code videos} and {@code credits} are the first page of
 * {@code /authors/{id}/videos} and {@code /authors/{id}/credits}; {@code more} is there only when one is longer.
 */
@RegisterForReflection
public record AuthorView(Long id, String name, long version, VideoNode featuredVideo, List<VideoNode> videos,
        List<CreditedVideo> credits, @JsonInclude(JsonInclude.Include.NON_NULL) More more)
        implements
            AuthorNode,
            Versioned {

    /** The lists of an author that do not fit in its view; null where a list does. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AuthorMore")
    public record More(MoreLinks videos, MoreLinks credits) {
    }
}

package io.reelgraph.author;

import java.util.List;

import io.reelgraph.common.Versioned;
import io.reelgraph.credit.CreditedVideo;
import io.reelgraph.video.VideoNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An author with its three relationships: compact references, or whole videos where {@code expand} asks for them
 * (see {@link io.reelgraph.graph.Expander}).
 */
@RegisterForReflection
public record AuthorView(Long id, String name, long version, VideoNode featuredVideo, List<VideoNode> videos,
        List<CreditedVideo> credits) implements AuthorNode, Versioned {
}

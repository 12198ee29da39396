package io.reelgraph.video;

import java.util.List;

import io.reelgraph.author.AuthorNode;
import io.reelgraph.common.Versioned;
import io.reelgraph.credit.CreditedAuthor;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A video with its three relationships: compact references, or whole authors where {@code expand} asks for them
 * (see {@link io.reelgraph.graph.Expander}).
 */
@RegisterForReflection
public record VideoView(Long id, String code, String img, Float score, long version, AuthorNode author,
        AuthorNode featuredBy, List<CreditedAuthor> credits) implements VideoNode, Versioned {
}

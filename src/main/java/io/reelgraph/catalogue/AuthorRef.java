package io.reelgraph.catalogue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A compact reference to an author, as other resources embed it. */
@RegisterForReflection
public record AuthorRef(Long id, String name) implements AuthorNode {
}

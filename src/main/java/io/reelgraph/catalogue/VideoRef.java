package io.reelgraph.catalogue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A compact reference to a video, as other resources embed it. */
@RegisterForReflection
public record VideoRef(Long id, String code) implements VideoNode {
}

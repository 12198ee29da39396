package io.reelgraph.catalogue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A video's own fields with its id, without relationships: the items of {@code GET /authors/{id}/videos}. */
@RegisterForReflection
public record VideoSummary(Long id, String code, String img, Float score) {
}

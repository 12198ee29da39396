package io.reelgraph.catalogue;

import jakarta.validation.constraints.NotNull;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code PUT /authors/{id}/featured-video}: which existing video to feature. */
@RegisterForReflection
public record VideoLink(@NotNull Long videoId) {
}

package io.reelgraph.catalogue;

import jakarta.validation.constraints.NotNull;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code PUT /videos/{id}/author} and {@code PUT /videos/{id}/featured-by}: which existing author. */
@RegisterForReflection
public record AuthorLink(@NotNull Long authorId) {
}

package io.reelgraph.video;

import jakarta.validation.constraints.NotNull;

/** {@code PUT /videos/{id}/author} and {@code PUT /videos/{id}/featured-by}: which existing author. */
public record AuthorLink(@NotNull Long authorId) {
}

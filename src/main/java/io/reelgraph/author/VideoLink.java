package io.reelgraph.author;

import jakarta.validation.constraints.NotNull;

/** {@code PUT /authors/{id}/featured-video}: which existing video to feature. */
public record VideoLink(@NotNull Long videoId) {
}

package io.reelgraph.catalogue;

import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reelgraph.common.PlainText;

/** {@code PUT /videos/{videoId}/credits/{authorId}}: the link's own data. */
@RegisterForReflection
public record CreditFields(@Size(max = VideoAuthor.EXTRA_DATA_LENGTH) @PlainText String extraData) {
}

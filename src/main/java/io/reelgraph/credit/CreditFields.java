package io.reelgraph.credit;

import jakarta.validation.constraints.Size;

/** {@code PUT /videos/{videoId}/credits/{authorId}}: the link's own data. */
public record CreditFields(@Size(max = VideoAuthor.EXTRA_DATA_LENGTH) String extraData) {
}

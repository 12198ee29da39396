package io.reelgraph.catalogue;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A credit seen from its video: who is credited, and the link's own data.
 *
 * @param author the whole author, with {@code expand=credits.author} only
 */
@RegisterForReflection
public record CreditedAuthor(Long authorId, String name, String extraData,
        @JsonInclude(JsonInclude.Include.NON_NULL) AuthorView author) {
}

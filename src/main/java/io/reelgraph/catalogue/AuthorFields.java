package io.reelgraph.catalogue;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reelgraph.common.PlainText;

/** An author's own fields: the body of {@code PUT /authors/{id}}, and a new author nested in another request. */
@RegisterForReflection
public record AuthorFields(@NotBlank @Size(max = Author.NAME_LENGTH) @PlainText String name) {

    public Author toEntity() {
        return new Author(name);
    }
}

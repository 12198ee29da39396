package io.reelgraph.author;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A compact reference to an author, as other resources embed it. */
@RegisterForReflection
public record AuthorRef(Long id, String name) {

    public static AuthorRef of(Author author) {
        return author == null ? null : new AuthorRef(author.id, author.name);
    }
}

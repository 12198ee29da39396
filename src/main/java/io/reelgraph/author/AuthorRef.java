package io.reelgraph.author;

/** A compact reference to an author, as other resources embed it. */
public record AuthorRef(Long id, String name) {

    public static AuthorRef of(Author author) {
        return author == null ? null : new AuthorRef(author.id, author.name);
    }
}

package io.reelgraph.author;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An author where another object links to it: a compact reference, or the whole author when expanded. */
@Schema(oneOf = { AuthorRef.class, AuthorView.class })
public sealed interface AuthorNode permits AuthorRef, AuthorView {

    Long id();

    String name();
}

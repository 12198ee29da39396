package io.reelgraph.catalogue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An author where another object links to it: a compact reference, or the whole author when expanded. The contract
 * describes both as the whole author, of which a reference has only {@code id} and {@code name}: one type that a
 * generated client reads either way, where two overlapping ones would need a discriminator the JSON does not have.
 */
@Schema(implementation = AuthorView.class)
public sealed interface AuthorNode permits AuthorRef, AuthorView {

    Long id();

    String name();
}

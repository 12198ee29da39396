package io.reelgraph.catalogue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A video where another object links to it: a compact reference, or the whole video when expanded. The contract
 * describes both as the whole video, of which a reference has only {@code id} and {@code code} (see
 * {@link AuthorNode}).
 */
@Schema(implementation = VideoView.class)
public sealed interface VideoNode permits VideoRef, VideoView {

    Long id();

    String code();
}

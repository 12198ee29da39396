package io.reelgraph.video;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A video where another object links to it: a compact reference, or the whole video when expanded. */
@Schema(oneOf = { VideoRef.class, VideoView.class })
public sealed interface VideoNode permits VideoRef, VideoView {

    Long id();

    String code();
}

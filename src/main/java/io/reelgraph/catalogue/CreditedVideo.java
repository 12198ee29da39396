package io.reelgraph.catalogue;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A credit seen from its author: on which video, and the link's own data.
 *
 * @param video the whole video, with {@code expand=credits.video} only
 */
@RegisterForReflection
public record CreditedVideo(Long videoId, String code, String extraData,
        @JsonInclude(JsonInclude.Include.NON_NULL) VideoView video) {
}

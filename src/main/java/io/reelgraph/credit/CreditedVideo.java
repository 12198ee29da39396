package io.reelgraph.credit;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A credit seen from its author: on which video, and the link's own data. */
@RegisterForReflection
public record CreditedVideo(Long videoId, String code, String extraData) {

    public static CreditedVideo of(VideoAuthor credit) {
        return new CreditedVideo(credit.getVideo().id, credit.getVideo().code, credit.extraData);
    }
}

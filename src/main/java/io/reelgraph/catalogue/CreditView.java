package io.reelgraph.catalogue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One credit with both of its ends. */
@RegisterForReflection
public record CreditView(Long videoId, String code, Long authorId, String name, String extraData) {

    public static CreditView of(VideoAuthor credit) {
        return new CreditView(credit.getVideo().id, credit.getVideo().code,
                credit.getAuthor().id, credit.getAuthor().name, credit.extraData);
    }
}

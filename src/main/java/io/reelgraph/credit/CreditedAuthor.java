package io.reelgraph.credit;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A credit seen from its video: who is credited, and the link's own data. */
@RegisterForReflection
public record CreditedAuthor(Long authorId, String name, String extraData) {

    public static CreditedAuthor of(VideoAuthor credit) {
        return new CreditedAuthor(credit.getAuthor().id, credit.getAuthor().name, credit.extraData);
    }
}

package io.reelgraph.credit;

/** A credit seen from its video: who is credited, and the link's own data. */
public record CreditedAuthor(Long authorId, String name, String extraData) {

    public static CreditedAuthor of(VideoAuthor credit) {
        return new CreditedAuthor(credit.getAuthor().id, credit.getAuthor().name, credit.extraData);
    }
}

package io.reelgraph.credit;

/** One credit with both of its ends. */
public record CreditView(Long videoId, String code, Long authorId, String name, String extraData) {

    public static CreditView of(VideoAuthor credit) {
        return new CreditView(credit.getVideo().id, credit.getVideo().code,
                credit.getAuthor().id, credit.getAuthor().name, credit.extraData);
    }
}

package io.reelgraph.credit;

/** A credit seen from its author: on which video, and the link's own data. */
public record CreditedVideo(Long videoId, String code, String extraData) {

    public static CreditedVideo of(VideoAuthor credit) {
        return new CreditedVideo(credit.getVideo().id, credit.getVideo().code, credit.extraData);
    }
}

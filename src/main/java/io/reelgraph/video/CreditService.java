package io.reelgraph.video;

import jakarta.enterprise.context.ApplicationScoped;

import io.reelgraph.catalogue.Author;
import io.reelgraph.catalogue.CreditView;
import io.reelgraph.catalogue.Video;
import io.reelgraph.catalogue.VideoAuthor;
import io.reelgraph.catalogue.VideoAuthorId;
import io.reelgraph.common.Lookups;
import io.reelgraph.database.DatabaseErrors;
import io.reelgraph.database.Transactions;
import io.reelgraph.error.ApiException;
import io.smallrye.mutiny.Uni;

/** Credits (video_author rows), addressed by both ends. */
@ApplicationScoped
class CreditService {

    private final Transactions transactions;

    CreditService(Transactions transactions) {
        this.transactions = transactions;
    }

    /** The credit after the write, and whether the write created it. */
    record Saved(CreditView credit, boolean created) {
    }

    /**
     * Creates the credit, or updates its data if it exists: repeating the same request changes nothing. When two
     * clients create the same credit at once, the loser's insert fails on the primary key; its retry, in a new
     * transaction, finds the winner's row and updates it.
     */
    Uni<Saved> put(Long videoId, Long authorId, String extraData) {
        // both made now, in the request: a Uni is lazy, and the retry runs only after a duplicate key
        Uni<Saved> retry = transactions.write(() -> putOnce(videoId, authorId, extraData));
        return transactions.write(() -> putOnce(videoId, authorId, extraData))
                .onFailure(DatabaseErrors.DUPLICATE_KEY::causes).recoverWithUni(failure -> retry);
    }

    private static Uni<Saved> putOnce(Long videoId, Long authorId, String extraData) {
        return VideoAuthor.<VideoAuthor> find(
                "from VideoAuthor c join fetch c.author join fetch c.video where c.id = ?1",
                new VideoAuthorId(authorId, videoId)).firstResult()
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(update(existing, extraData))
                        : create(videoId, authorId, extraData));
    }

    Uni<Void> delete(Long videoId, Long authorId) {
        return transactions.write(() -> Lookups.requireDeleted(
                VideoAuthor.delete("id", new VideoAuthorId(authorId, videoId)),
                () -> ApiException.notFound("author " + authorId + " is not credited on video " + videoId)));
    }

    private static Saved update(VideoAuthor credit, String extraData) {
        credit.extraData = extraData;
        return new Saved(CreditView.of(credit), false);
    }

    private static Uni<Saved> create(Long videoId, Long authorId, String extraData) {
        return Lookups.require(Video.<Video> findById(videoId), "video", videoId)
                .chain(video -> Lookups.require(Author.<Author> findById(authorId), "author", authorId)
                        .map(author -> VideoAuthor.link(author, video, extraData)))
                .call(VideoAuthor::persistAndFlush)
                .map(credit -> new Saved(CreditView.of(credit), true));
    }
}

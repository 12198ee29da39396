package io.reelgraph.catalogue;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;

import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * A credit: the association object {@code video_author(author_id, video_id, extra_data)} of the many-to-many
 * between authors and videos, keyed by both ends.
 * <p>
 * Persisting does not cascade from the ends to their credits: Hibernate Reactive derives the {@code @MapsId} key
 * of a credit whose end is not yet inserted by persisting that end with the blocking API, and fails ("Call
 * #reactivePersist(PersistEvent) instead"), and with persistent ends it inserts the key's columns as null.
 * {@link #persistWithEnds} inserts the ends first and sets the key from their ids.
 */
@Entity
@Table(name = "video_author")
public class VideoAuthor extends PanacheEntityBase {

    public static final int EXTRA_DATA_LENGTH = 50;

    @EmbeddedId
    private VideoAuthorId id = new VideoAuthorId();

    @MapsId("authorId")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id")
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Author author;

    @MapsId("videoId")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "video_id")
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Video video;

    @Column(name = "extra_data", length = EXTRA_DATA_LENGTH)
    public String extraData;

    protected VideoAuthor() {
    }

    private VideoAuthor(Author author, Video video, String extraData) {
        this.id = new VideoAuthorId(author.id, video.id);
        this.author = author;
        this.video = video;
        this.extraData = extraData;
    }

    /**
     * Credits {@code author} on {@code video} and adds the credit to both ends' loaded credit lists. Ends that are
     * not persisted yet have no ids: {@link #persistWithEnds} persists them and sets the key.
     */
    public static VideoAuthor link(Author author, Video video, String extraData) {
        VideoAuthor credit = new VideoAuthor(author, video, extraData);
        author.syncCredit(credit, true);
        video.syncCredit(credit, true);
        return credit;
    }

    /** Persists new credits, after inserting those of their ends that are new, in the current transaction. */
    public static Uni<Void> persistWithEnds(List<VideoAuthor> credits) {
        if (credits.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Object[] newEnds = credits.stream()
                .flatMap(credit -> Stream.of(credit.author.id == null ? credit.author : null,
                        credit.video.id == null ? credit.video : null))
                .filter(Objects::nonNull)
                .distinct()
                .toArray();
        return Panache.getSession().chain(session -> session.persistAll(newEnds)
                .chain(session::flush)
                .invoke(() -> credits.forEach(credit -> credit.id = new VideoAuthorId(credit.author.id, credit.video.id)))
                .chain(() -> session.persistAll(credits.toArray()))
                .chain(session::flush));
    }

    public Author getAuthor() {
        return author;
    }

    public Video getVideo() {
        return video;
    }
}

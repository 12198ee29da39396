package io.reelgraph.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * {@code video(id, code, img, score, author_id)}. Owns the upload link ({@code author_id}); is the inverse side of
 * the featured-video link and of its credits.
 */
@Entity
@Table(name = "video")
public class Video extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public static final int CODE_LENGTH = 10;
    public static final int IMG_LENGTH = 100;

    @Column(nullable = false, length = CODE_LENGTH)
    public String code;

    @Column(length = IMG_LENGTH)
    public String img;

    public Float score;

    /** Bumped by every change of the row; the ETag of the resource, checked by PUT's If-Match. */
    @Version
    public long version;

    @ManyToOne(fetch = FetchType.LAZY, cascade = CascadeType.PERSIST)
    @JoinColumn(name = "author_id")
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private Author author;

    @OneToOne(mappedBy = "featuredVideo", fetch = FetchType.LAZY, cascade = CascadeType.PERSIST)
    private Author featuredBy;

    /** Not cascaded: see {@link VideoAuthor#persistWithEnds}. */
    @OneToMany(mappedBy = "video")
    @OrderBy("id.authorId")
    private List<VideoAuthor> credits = new ArrayList<>();

    protected Video() {
    }

    public Video(String code, String img, Float score) {
        this.code = code;
        this.img = img;
        this.score = score;
    }

    /** One video with its uploader and the author featuring it fetched, ready for the link helpers. */
    public static Uni<Video> findWithLinks(Long id) {
        return find("from Video v left join fetch v.author left join fetch v.featuredBy where v.id = ?1", id)
                .firstResult();
    }

    public Author getAuthor() {
        return author;
    }

    /** Sets the uploader (or none), and moves this video between the uploaders' loaded video lists. */
    public void setAuthor(Author newAuthor) {
        if (author == newAuthor) {
            return;
        }
        if (author != null) {
            author.syncVideo(this, false);
        }
        author = newAuthor;
        if (newAuthor != null) {
            newAuthor.syncVideo(this, true);
        }
    }

    public Author getFeaturedBy() {
        return featuredBy;
    }

    /** Makes {@code newAuthor} feature this video (or no one); the owning side is {@link Author#setFeaturedVideo}. */
    public void setFeaturedBy(Author newAuthor) {
        if (newAuthor != null) {
            newAuthor.setFeaturedVideo(this);
        } else if (featuredBy != null) {
            featuredBy.setFeaturedVideo(null);
        }
    }

    /** The inverse field alone, for {@link Author#setFeaturedVideo}, which keeps both ends consistent. */
    void featuredByUnchecked(Author author) {
        this.featuredBy = author;
    }

    /** The credits; read-only, change them through {@link VideoAuthor}. */
    public List<VideoAuthor> getCredits() {
        return Collections.unmodifiableList(credits);
    }

    /** Called by {@link VideoAuthor} so that loaded {@link #getCredits()} follows it. */
    void syncCredit(VideoAuthor credit, boolean added) {
        LoadedCollections.sync(credits, credit, added);
    }
}

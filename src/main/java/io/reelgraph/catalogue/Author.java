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
 * {@code author(id, name, featured_video_id)}. Owns the featured-video link; the inverse sides of uploads and
 * credits are kept in sync by the helper methods here and on {@link Video} and {@link VideoAuthor}.
 */
@Entity
@Table(name = "author")
public class Author extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public static final int NAME_LENGTH = 100;

    @Column(nullable = false, length = NAME_LENGTH)
    public String name;

    /** Bumped by every change of the row; the ETag of the resource, checked by PUT's If-Match. */
    @Version
    public long version;

    @OneToOne(fetch = FetchType.LAZY, cascade = CascadeType.PERSIST)
    @JoinColumn(name = "featured_video_id", unique = true)
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private Video featuredVideo;

    @OneToMany(mappedBy = "author", cascade = CascadeType.PERSIST)
    @OrderBy("id")
    private List<Video> videos = new ArrayList<>();

    /** Not cascaded: see {@link VideoAuthor#persistWithEnds}. */
    @OneToMany(mappedBy = "author")
    @OrderBy("id.videoId")
    private List<VideoAuthor> credits = new ArrayList<>();

    protected Author() {
    }

    public Author(String name) {
        this.name = name;
    }

    /** One author with its featured video (and that video's featuredBy, which is this author) fetched. */
    public static Uni<Author> findWithFeaturedVideo(Long id) {
        return find("from Author a left join fetch a.featuredVideo where a.id = ?1", id).firstResult();
    }

    public Video getFeaturedVideo() {
        return featuredVideo;
    }

    /** Features {@code video} (or nothing), and updates both ends of the old and the new link. */
    public void setFeaturedVideo(Video video) {
        if (featuredVideo == video) {
            return;
        }
        if (featuredVideo != null) {
            featuredVideo.featuredByUnchecked(null);
        }
        featuredVideo = video;
        if (video != null) {
            Author previous = video.getFeaturedBy();
            if (previous != null) {
                previous.featuredVideo = null;
            }
            video.featuredByUnchecked(this);
        }
    }

    /** The uploads; read-only, change them with {@link #addVideo} or {@link Video#setAuthor}. */
    public List<Video> getVideos() {
        return Collections.unmodifiableList(videos);
    }

    public void addVideo(Video video) {
        video.setAuthor(this);
    }

    /** The credits; read-only, change them through {@link VideoAuthor}. */
    public List<VideoAuthor> getCredits() {
        return Collections.unmodifiableList(credits);
    }

    /** Called by {@link Video#setAuthor} so that a loaded {@link #getVideos()} follows the owning side. */
    void syncVideo(Video video, boolean added) {
        LoadedCollections.sync(videos, video, added);
    }

    /** Called by {@link VideoAuthor} so that loaded {@link #getCredits()} follows it. */
    void syncCredit(VideoAuthor credit, boolean added) {
        LoadedCollections.sync(credits, credit, added);
    }
}

package io.reelgraph.catalogue;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The composite primary key {@code (author_id, video_id)} of {@link VideoAuthor}. */
@Embeddable
public class VideoAuthorId implements Serializable {

    @Column(name = "author_id")
    public Long authorId;

    @Column(name = "video_id")
    public Long videoId;

    protected VideoAuthorId() {
    }

    public VideoAuthorId(Long authorId, Long videoId) {
        this.authorId = authorId;
        this.videoId = videoId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VideoAuthorId id
                && Objects.equals(authorId, id.authorId)
                && Objects.equals(videoId, id.videoId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(authorId, videoId);
    }
}

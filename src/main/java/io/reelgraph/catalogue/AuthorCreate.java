package io.reelgraph.catalogue;

import static io.reelgraph.common.Lists.orEmpty;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reelgraph.common.PlainText;

/**
 * {@code POST /authors}: a new author, optionally with a graph around it, created all or nothing. Each link names
 * either a new video (an object) or an existing one (an id), never both.
 */
@RegisterForReflection
public record AuthorCreate(
        @NotBlank @Size(max = Author.NAME_LENGTH) @PlainText String name,
        @Valid VideoFields featuredVideo,
        Long featuredVideoId,
        @Size(max = MAX_LINKS) List<@NotNull @Valid VideoFields> videos,
        @Size(max = MAX_LINKS) List<@NotNull @Valid Credit> credits) {

    /** Bigger graphs hold a connection too long in one transaction; they are for a bulk import. */
    public static final int MAX_LINKS = 100;

    public Author toEntity() {
        return new Author(name);
    }

    /** The authors and videos this request creates. */
    public int newNodes() {
        return 1 + (featuredVideo != null ? 1 : 0) + orEmpty(videos).size()
                + (int) orEmpty(credits).stream().filter(credit -> credit.video() != null).count();
    }

    /** The featured link, uploads and credits this request creates. */
    public int newEdges() {
        return (featuredVideo != null || featuredVideoId != null ? 1 : 0) + orEmpty(videos).size()
                + orEmpty(credits).size();
    }

    /** A credit of the new author on a new or an existing video. */
    @RegisterForReflection
    @Schema(name = "AuthorCreateCredit")
    public record Credit(@Valid VideoFields video, Long videoId,
            @Size(max = VideoAuthor.EXTRA_DATA_LENGTH) @PlainText String extraData) {
    }
}

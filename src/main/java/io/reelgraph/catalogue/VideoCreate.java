package io.reelgraph.catalogue;

import static io.reelgraph.common.Lists.orEmpty;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reelgraph.common.Finite;
import io.reelgraph.common.PlainText;

/**
 * {@code POST /videos}: a new video, optionally with a graph around it, created all or nothing. Each link names
 * either a new author (an object) or an existing one (an id), never both.
 */
@RegisterForReflection
public record VideoCreate(
        @NotBlank @Size(max = Video.CODE_LENGTH) @PlainText String code,
        @Size(max = Video.IMG_LENGTH) @PlainText String img,
        @Finite Float score,
        @Valid AuthorFields author,
        Long authorId,
        @Valid AuthorFields featuredBy,
        Long featuredById,
        @Size(max = AuthorCreate.MAX_LINKS) List<@NotNull @Valid Credit> credits) {

    public Video toEntity() {
        return new Video(code, img, score);
    }

    /** The videos and authors this request creates. */
    public int newNodes() {
        return 1 + (author != null ? 1 : 0) + (featuredBy != null ? 1 : 0)
                + (int) orEmpty(credits).stream().filter(credit -> credit.author() != null).count();
    }

    /** The upload, featured link and credits this request creates. */
    public int newEdges() {
        return (author != null || authorId != null ? 1 : 0) + (featuredBy != null || featuredById != null ? 1 : 0)
                + orEmpty(credits).size();
    }

    /** A credit of a new or an existing author on the new video. */
    @RegisterForReflection
    @Schema(name = "VideoCreateCredit")
    public record Credit(@Valid AuthorFields author, Long authorId,
            @Size(max = VideoAuthor.EXTRA_DATA_LENGTH) @PlainText String extraData) {
    }
}

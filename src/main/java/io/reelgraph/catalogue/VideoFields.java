package io.reelgraph.catalogue;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reelgraph.common.Finite;
import io.reelgraph.common.PlainText;

/** A video's own fields: the body of {@code PUT /videos/{id}}, and a new video nested in another request. */
@RegisterForReflection
public record VideoFields(
        @NotBlank @Size(max = Video.CODE_LENGTH) @PlainText String code,
        @Size(max = Video.IMG_LENGTH) @PlainText String img,
        @Finite Float score) {

    public Video toEntity() {
        return new Video(code, img, score);
    }
}

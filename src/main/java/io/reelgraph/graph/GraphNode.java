package io.reelgraph.graph;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A node of {@code GET /graph}: an author (labelled with its name) or a video (with its code).
 *
 * @param id the type and the row's id, {@code author:1}; {@code POST /graph} takes the same form as a reference
 */
@RegisterForReflection
public record GraphNode(String id, @Schema(enumeration = {
        "author", "video" }) String type, String label){

    static String authorId(Long id) {
        return "author:" + id;
    }

    static String videoId(Long id) {
        return "video:" + id;
    }
}

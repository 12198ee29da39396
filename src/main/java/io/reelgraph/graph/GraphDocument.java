package io.reelgraph.graph;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /graph}: a whole graph to import at once, in the nodes and edges shape of {@code GET /graph}. New
 * nodes carry an id of the client's choosing ({@code "a1"}) and their fields; a node or an edge end of the form
 * {@code author:12} or {@code video:3} refers to an existing row. See {@link ImportPlan} for the rules.
 */
@RegisterForReflection
public record GraphDocument(List<Node> nodes, List<Edge> edges) {

    /**
     * A new author ({@code type, name}) or video ({@code type, code, img, score}), or a reference ({@code id}
     * alone, the type being in it).
     */
    @RegisterForReflection
    @Schema(name = "GraphDocumentNode")
    public record Node(String id, @Schema(enumeration = {
            "author", "video" }) String type, String name, String code, String img, Float score){
    }

    /** A link from an author to a video; {@code kind} is upload, featured or credit, which alone has extraData. */
    @RegisterForReflection
    @Schema(name = "GraphDocumentEdge")
    public record Edge(String from, String to,
            @Schema(enumeration = {
                    GraphEdge.UPLOAD, GraphEdge.FEATURED, GraphEdge.CREDIT }) String kind,
            String extraData){
    }
}

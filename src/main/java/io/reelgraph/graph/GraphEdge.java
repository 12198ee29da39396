package io.reelgraph.graph;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A link between an author ({@code from}) and a video ({@code to}).
 *
 * @param kind {@code upload}, {@code featured} or {@code credit}
 * @param extraData the credit's own data; credits only
 */
@RegisterForReflection
public record GraphEdge(String from, String to,
        @Schema(enumeration = {
                GraphEdge.UPLOAD, GraphEdge.FEATURED, GraphEdge.CREDIT }) String kind,
        @JsonInclude(JsonInclude.Include.NON_NULL) String extraData){

    public static final String UPLOAD = "upload";
    public static final String FEATURED = "featured";
    public static final String CREDIT = "credit";
}

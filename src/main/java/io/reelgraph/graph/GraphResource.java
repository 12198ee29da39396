package io.reelgraph.graph;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.reelgraph.common.Roles;
import io.reelgraph.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

@Path("/graph")
@Tag(name = "graph", description = "The author-video graph as nodes and edges: neighbourhoods, and imports")
public class GraphResource {

    public static final int MAX_NEIGHBOURHOOD_DEPTH = 4;
    public static final int MAX_LIMIT = 5_000;

    private final GraphImport imports;

    private final GraphMetrics graphMetrics;

    private final Pool pool;

    GraphResource(GraphImport imports, GraphMetrics graphMetrics, Pool pool) {
        this.imports = imports;
        this.graphMetrics = graphMetrics;
        this.pool = pool;
    }

    @GET
    @Operation(operationId = "getNeighbourhood", summary = "The neighbourhood of an author or a video", description = "Breadth first over uploads, featured links and credits, up to depth links away, with at"
            + " most limit nodes (truncated says whether some were left out). Edges are every link among the"
            + " nodes returned, from an author to a video.")
    @APIResponse(responseCode = "200", description = "The nodes and the links among them")
    @APIResponse(responseCode = "404", description = "The start node does not exist")
    public Uni<GraphView> neighbourhood(@QueryParam("author") Long author, @QueryParam("video") Long video,
            @QueryParam("depth") @DefaultValue("2") @Min(0) @Max(MAX_NEIGHBOURHOOD_DEPTH) int depth,
            @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(MAX_LIMIT) int limit) {
        if ((author == null) == (video == null)) {
            throw ApiException.invalid(author == null ? "author" : "video",
                    "name exactly one node to start from: author or video");
        }
        return author != null
                ? Neighbourhood.of(pool, GraphNode.authorId(author), author, depth, limit)
                : Neighbourhood.of(pool, GraphNode.videoId(video), video, depth, limit);
    }

    @POST
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "importGraph", summary = "Import a graph of new and existing authors and videos, all or nothing", description = "New nodes carry ids of the client's choosing; author:12 or video:3 refers to an existing"
            + " row. Every error is listed with its JSON pointer, and then nothing is written. An import only"
            + " adds: it never replaces a link.")
    @APIResponse(responseCode = "201", description = "Imported; the ids created for the client's ids", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportResult.class)))
    public Uni<RestResponse<ImportResult>> importGraph(
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "credits", ref = "graphCredits"))) @NotNull GraphDocument document) {
        return imports.run(document)
                // counted once committed
                .invoke(result -> graphMetrics.created(result.nodes(), result.edges()))
                .map(result -> RestResponse.status(RestResponse.Status.CREATED, result));
    }
}

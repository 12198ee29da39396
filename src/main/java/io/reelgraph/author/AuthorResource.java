package io.reelgraph.author;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.reelgraph.catalogue.AuthorCreate;
import io.reelgraph.catalogue.AuthorFields;
import io.reelgraph.catalogue.AuthorView;
import io.reelgraph.catalogue.CreditedVideo;
import io.reelgraph.catalogue.VideoFields;
import io.reelgraph.catalogue.VideoLink;
import io.reelgraph.catalogue.VideoSummary;
import io.reelgraph.catalogue.VideoView;
import io.reelgraph.common.Responses;
import io.reelgraph.common.Roles;
import io.reelgraph.graph.Expansion;
import io.reelgraph.graph.GraphMetrics;
import io.reelgraph.listing.PageParams;
import io.reelgraph.listing.PageView;
import io.reelgraph.listing.Streams;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/authors")
@Tag(name = "authors", description = "Authors, and the featured video, uploads and credits seen from their side")
public class AuthorResource {

    private static final String EXPAND = "Relationships to embed whole, a comma list of paths nested with dots:"
            + " featuredVideo, videos, credits.video, and below a video author, featuredBy, credits.author;"
            + " at most " + Expansion.MAX_PATH_NAMES + " names deep, e.g. videos,credits.video.credits.author";

    private static final String NAME = "Authors whose name starts with this text (case-insensitive)";

    private final AuthorService authors;

    private final GraphMetrics graphMetrics;

    private final ObjectMapper mapper;

    AuthorResource(AuthorService authors, GraphMetrics graphMetrics, ObjectMapper mapper) {
        this.authors = authors;
        this.graphMetrics = graphMetrics;
        this.mapper = mapper;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAuthors", summary = "List authors, a page at a time", description = "sort: id, name (default: id; name when filtering by name)")
    public Uni<PageView<AuthorView>> list(@QueryParam("name") @Parameter(description = NAME) String name,
            @BeanParam @Valid PageParams page, @QueryParam("expand") @Parameter(description = EXPAND) String expand) {
        return authors.list(name, page, Expansion.ofAuthor(expand));
    }

    @GET
    @Produces(Streams.NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(hidden = true) // described with the list's operation: openapi.StreamsInContract
    public Multi<byte[]> stream(@QueryParam("name") @Parameter(description = NAME) String name,
            @QueryParam("sort") String sort, @QueryParam("expand") @Parameter(description = EXPAND) String expand,
            @Context UriInfo uri) {
        Streams.requireNoPaging(uri);
        return Streams.ndjson(authors.stream(name, sort, Expansion.ofAuthor(expand)), mapper);
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The author", headers = @Header(ref = "ETag"))
    @Operation(operationId = "getAuthor", summary = "An author with its featured video, uploads and credits")
    public Uni<RestResponse<AuthorView>> get(@RestPath Long id,
            @QueryParam("expand") @Parameter(description = EXPAND) String expand) {
        return authors.get(id, Expansion.ofAuthor(expand)).map(Responses::ok);
    }

    @POST
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "createAuthor", summary = "Create an author, optionally with new or existing videos linked in all three ways", description = "All or nothing. Each link names a new video (an object) or an existing one (an id).")
    @APIResponse(responseCode = "201", description = "Created, with its links; its URL is in Location", headers = {
            @Header(ref = "Location"),
            @Header(ref = "ETag") }, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthorView.class)))
    @APIResponse(responseCode = "409", description = "featuredVideoId names a video another author features")
    public Uni<RestResponse<AuthorView>> create(
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "featured video (one-to-one)", ref = "authorFeaturedVideoOneToOne"),
                    @ExampleObject(name = "two uploads (one-to-many)", ref = "authorTwoUploadsOneToMany"),
                    @ExampleObject(name = "credits on a new and an existing video", ref = "authorCreditsOnANewAndAnExistingVideo") })) @NotNull @Valid AuthorCreate request) {
        return authors.create(request)
                // counted once committed
                .invoke(() -> graphMetrics.created(request.newNodes(), request.newEdges()))
                .map(created -> Responses.created("/authors/" + created.id(), created));
    }

    @PUT
    @RolesAllowed(Roles.EDITOR)
    @Path("/{id}")
    @Operation(operationId = "updateAuthor", summary = "Replace an author's own fields", description = "With If-Match (the ETag of a GET), a 412 if the resource changed since; without it, the"
            + " last write wins.")
    @APIResponse(responseCode = "200", description = "Replaced", headers = @Header(ref = "ETag"))
    public Uni<RestResponse<AuthorView>> update(@RestPath Long id, @RestHeader("If-Match") String ifMatch,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "rename", ref = "authorRename"))) @NotNull @Valid AuthorFields fields) {
        return authors.update(id, fields, ifMatch).map(Responses::ok);
    }

    @DELETE
    @RolesAllowed(Roles.EDITOR)
    @Path("/{id}")
    @Operation(operationId = "deleteAuthor", summary = "Delete an author; its uploads stay, with no author")
    public Uni<Void> delete(@RestPath Long id) {
        return authors.delete(id);
    }

    @PUT
    @RolesAllowed(Roles.EDITOR)
    @Path("/{id}/featured-video")
    @Operation(operationId = "setFeaturedVideo", summary = "Feature an existing video, replacing the author's current one")
    @APIResponse(responseCode = "200", description = "The author, now featuring the video")
    @APIResponse(responseCode = "409", description = "Another author features that video")
    public Uni<AuthorView> feature(@RestPath Long id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "link", ref = "authorLink"))) @NotNull @Valid VideoLink link) {
        return authors.feature(id, link.videoId());
    }

    @DELETE
    @RolesAllowed(Roles.EDITOR)
    @Path("/{id}/featured-video")
    @Operation(operationId = "clearFeaturedVideo", summary = "Feature no video")
    public Uni<Void> unfeature(@RestPath Long id) {
        return authors.unfeature(id);
    }

    @GET
    @Path("/{id}/videos")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAuthorVideos", summary = "The author's uploads, a page at a time", description = "sort: id (default), code, score")
    public Uni<PageView<VideoSummary>> videos(@RestPath Long id, @BeanParam @Valid PageParams page) {
        return authors.videos(id, page);
    }

    @GET
    @Path("/{id}/videos")
    @Produces(Streams.NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(hidden = true) // described with the list's operation: openapi.StreamsInContract
    public Multi<byte[]> streamVideos(@RestPath Long id, @QueryParam("sort") String sort,
            @Context UriInfo uri) {
        Streams.requireNoPaging(uri);
        return Streams.ndjson(authors.streamVideos(id, sort), mapper);
    }

    @POST
    @RolesAllowed(Roles.EDITOR)
    @Path("/{id}/videos")
    @Operation(operationId = "uploadVideo", summary = "Upload a new video as this author")
    @APIResponse(responseCode = "201", description = "Uploaded; its URL is in Location", headers = { @Header(ref = "Location"),
            @Header(ref = "ETag") }, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VideoView.class)))
    public Uni<RestResponse<VideoView>> upload(@RestPath Long id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "video a", ref = "authorVideoA"))) @NotNull @Valid VideoFields video) {
        return authors.upload(id, video)
                .map(created -> Responses.created("/videos/" + created.id(), created));
    }

    @GET
    @Path("/{id}/credits")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAuthorCredits", summary = "The videos this author is credited on, with each credit's data, a page at a time", description = "sort: videoId (default)")
    public Uni<PageView<CreditedVideo>> credits(@RestPath Long id, @BeanParam @Valid PageParams page) {
        return authors.credits(id, page);
    }

    @GET
    @Path("/{id}/credits")
    @Produces(Streams.NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(hidden = true) // described with the list's operation: openapi.StreamsInContract
    public Multi<byte[]> streamCredits(@RestPath Long id, @QueryParam("sort") String sort,
            @Context UriInfo uri) {
        Streams.requireNoPaging(uri);
        return Streams.ndjson(authors.streamCredits(id, sort), mapper);
    }
}

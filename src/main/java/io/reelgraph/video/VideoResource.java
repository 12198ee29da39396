package io.reelgraph.video;

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

import io.reelgraph.catalogue.AuthorLink;
import io.reelgraph.catalogue.CreditFields;
import io.reelgraph.catalogue.CreditView;
import io.reelgraph.catalogue.CreditedAuthor;
import io.reelgraph.catalogue.VideoCreate;
import io.reelgraph.catalogue.VideoFields;
import io.reelgraph.catalogue.VideoView;
import io.reelgraph.common.Finite;
import io.reelgraph.common.Responses;
import io.reelgraph.common.Roles;
import io.reelgraph.graph.Expansion;
import io.reelgraph.graph.GraphMetrics;
import io.reelgraph.listing.PageParams;
import io.reelgraph.listing.PageView;
import io.reelgraph.listing.Streams;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/videos")
@Tag(name = "videos", description = "Videos, and the uploader, featuring author and credits seen from their side")
public class VideoResource {

    private static final String EXPAND = "Relationships to embed whole, a comma list of paths nested with dots:"
            + " author, featuredBy, credits.author, and below an author featuredVideo, videos, credits.video;"
            + " at most " + Expansion.MAX_PATH_NAMES + " names deep, e.g. author,credits.author.videos";

    private static final String CODE = "Videos whose code starts with this text (case-insensitive)";

    private final VideoService videos;

    private final GraphMetrics graphMetrics;

    private final ObjectMapper mapper;

    private final CreditService credits;

    VideoResource(VideoService videos, GraphMetrics graphMetrics, ObjectMapper mapper, CreditService credits) {
        this.videos = videos;
        this.graphMetrics = graphMetrics;
        this.mapper = mapper;
        this.credits = credits;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listVideos", summary = "List videos, a page at a time", description = "sort: id, code, score (default: id; code when filtering by code, else score when filtering"
            + " by minScore)")
    public Uni<PageView<VideoView>> list(@QueryParam("code") @Parameter(description = CODE) String code,
            @QueryParam("minScore") @Finite Float minScore, @QueryParam("authorId") Long authorId,
            @BeanParam @Valid PageParams page, @QueryParam("expand") @Parameter(description = EXPAND) String expand) {
        return videos.list(new VideoService.Filter(code, minScore, authorId), page, Expansion.ofVideo(expand));
    }

    @GET
    @Produces(Streams.NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(hidden = true) // described with the list's operation: openapi.StreamsInContract
    public Multi<byte[]> stream(@QueryParam("code") @Parameter(description = CODE) String code,
            @QueryParam("minScore") @Finite Float minScore, @QueryParam("authorId") Long authorId,
            @QueryParam("sort") String sort, @QueryParam("expand") @Parameter(description = EXPAND) String expand,
            @Context UriInfo uri) {
        Streams.requireNoPaging(uri);
        return Streams.ndjson(videos.stream(new VideoService.Filter(code, minScore, authorId), sort,
                Expansion.ofVideo(expand)), mapper);
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The video", headers = @Header(ref = "ETag"))
    @Operation(operationId = "getVideo", summary = "A video with its uploader, featuring author and credits")
    public Uni<RestResponse<VideoView>> get(@RestPath Long id,
            @QueryParam("expand") @Parameter(description = EXPAND) String expand) {
        return videos.get(id, Expansion.ofVideo(expand)).map(Responses::ok);
    }

    @POST
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "createVideo", summary = "Create a video, optionally with new or existing authors linked in all three ways", description = "All or nothing. Each link names a new author (an object) or an existing one (an id).")
    @APIResponse(responseCode = "201", description = "Created, with its links; its URL is in Location", headers = {
            @Header(ref = "Location"),
            @Header(ref = "ETag") }, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VideoView.class)))
    @APIResponse(responseCode = "409", description = "featuredById names an author who features another video")
    public Uni<RestResponse<VideoView>> create(
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "featured by a new author (one-to-one)", ref = "videoFeaturedByANewAuthorOneToOne"),
                    @ExampleObject(name = "uploaded by an existing author (one-to-many)", ref = "videoUploadedByAnExistingAuthorOneToMany"),
                    @ExampleObject(name = "credits (many-to-many)", ref = "videoCreditsManyToMany") })) @NotNull @Valid VideoCreate request) {
        return videos.create(request)
                // counted once committed
                .invoke(() -> graphMetrics.created(request.newNodes(), request.newEdges()))
                .map(created -> Responses.created("/videos/" + created.id(), created));
    }

    @PUT
    @RolesAllowed(Roles.EDITOR)
    @Path("/{id}")
    @Operation(operationId = "updateVideo", summary = "Replace a video's own fields", description = "With If-Match (the ETag of a GET), a 412 if the resource changed since; without it, the"
            + " last write wins.")
    @APIResponse(responseCode = "200", description = "Replaced", headers = @Header(ref = "ETag"))
    public Uni<RestResponse<VideoView>> update(@RestPath Long id, @RestHeader("If-Match") String ifMatch,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "replace", ref = "videoReplace"))) @NotNull @Valid VideoFields fields) {
        return videos.update(id, fields, ifMatch).map(Responses::ok);
    }

    @DELETE
    @RolesAllowed(Roles.EDITOR)
    @Path("/{id}")
    @Operation(operationId = "deleteVideo", summary = "Delete a video with its credits and featured link")
    public Uni<Void> delete(@RestPath Long id) {
        return videos.delete(id);
    }

    @PUT
    @RolesAllowed(Roles.EDITOR)
    @Path("/{id}/author")
    @Operation(operationId = "setUploader", summary = "Set the uploader to an existing author")
    public Uni<VideoView> setAuthor(@RestPath Long id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "uploader", ref = "videoUploader"))) @NotNull @Valid AuthorLink link) {
        return videos.setAuthor(id, link.authorId());
    }

    @DELETE
    @RolesAllowed(Roles.EDITOR)
    @Path("/{id}/author")
    @Operation(operationId = "clearUploader", summary = "Leave the video with no uploader")
    public Uni<Void> clearAuthor(@RestPath Long id) {
        return videos.setAuthor(id, null).replaceWithVoid();
    }

    @PUT
    @RolesAllowed(Roles.EDITOR)
    @Path("/{id}/featured-by")
    @Operation(operationId = "setFeaturedBy", summary = "Have an existing author feature this video, replacing its current featurer")
    @APIResponse(responseCode = "200", description = "The video, now featured by the author")
    @APIResponse(responseCode = "409", description = "The author features another video")
    public Uni<VideoView> setFeaturedBy(@RestPath Long id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "featurer", ref = "videoFeaturer"))) @NotNull @Valid AuthorLink link) {
        return videos.setFeaturedBy(id, link.authorId());
    }

    @DELETE
    @RolesAllowed(Roles.EDITOR)
    @Path("/{id}/featured-by")
    @Operation(operationId = "clearFeaturedBy", summary = "Have no author feature this video")
    public Uni<Void> clearFeaturedBy(@RestPath Long id) {
        return videos.clearFeaturedBy(id);
    }

    @GET
    @Path("/{id}/credits")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listVideoCredits", summary = "The authors credited on this video, with each credit's data, a page at a time", description = "sort: authorId (default)")
    public Uni<PageView<CreditedAuthor>> credits(@RestPath Long id, @BeanParam @Valid PageParams page) {
        return videos.credits(id, page);
    }

    @GET
    @Path("/{id}/credits")
    @Produces(Streams.NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(hidden = true) // described with the list's operation: openapi.StreamsInContract
    public Multi<byte[]> streamCredits(@RestPath Long id, @QueryParam("sort") String sort,
            @Context UriInfo uri) {
        Streams.requireNoPaging(uri);
        return Streams.ndjson(videos.streamCredits(id, sort), mapper);
    }

    @PUT
    @RolesAllowed(Roles.EDITOR)
    @Path("/{videoId}/credits/{authorId}")
    @Operation(operationId = "putCredit", summary = "Credit an author on this video, or update the credit's data")
    @APIResponse(responseCode = "201", description = "The credit was created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreditView.class)))
    @APIResponse(responseCode = "200", description = "The credit existed; its data is now as given", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreditView.class)))
    public Uni<RestResponse<CreditView>> putCredit(@RestPath Long videoId, @RestPath Long authorId,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "credit", ref = "videoCredit"))) @NotNull @Valid CreditFields fields) {
        return credits.put(videoId, authorId, fields.extraData())
                .map(saved -> saved.created()
                        ? RestResponse.status(RestResponse.Status.CREATED, saved.credit())
                        : RestResponse.ok(saved.credit()));
    }

    @DELETE
    @RolesAllowed(Roles.EDITOR)
    @Path("/{videoId}/credits/{authorId}")
    @Operation(operationId = "deleteCredit", summary = "Remove the author's credit on this video")
    public Uni<Void> deleteCredit(@RestPath Long videoId, @RestPath Long authorId) {
        return credits.delete(videoId, authorId);
    }
}

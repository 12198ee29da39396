package io.reelgraph.author;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.reelgraph.common.PageQuery;
import io.reelgraph.common.PageView;
import io.reelgraph.common.Responses;
import io.reelgraph.credit.CreditedVideo;
import io.reelgraph.video.VideoFields;
import io.reelgraph.video.VideoSummary;
import io.reelgraph.video.VideoView;
import io.smallrye.mutiny.Uni;

@Path("/authors")
@Tag(name = "authors")
public class AuthorResource {

    @Inject
    AuthorService authors;

    @GET
    @Operation(summary = "List authors, a page at a time", description = "sort: id, name; prefix - for descending")
    public Uni<PageView<AuthorView>> list(@QueryParam("name") String name,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(PageQuery.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(PageQuery.MAX_SIZE) int size,
            @QueryParam("sort") String sort) {
        return authors.list(name, PageQuery.of(page, size, sort, AuthorService.SORTABLE, "a.id"));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An author with its featured video, uploads and credits")
    public Uni<AuthorView> get(@RestPath Long id) {
        return authors.get(id);
    }

    @POST
    @Operation(summary = "Create an author, optionally with new or existing videos linked in all three ways")
    public Uni<RestResponse<AuthorView>> create(@NotNull @Valid AuthorCreate request) {
        return authors.create(request)
                .map(created -> Responses.created("/authors/" + created.id(), created));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace an author's own fields")
    public Uni<AuthorView> update(@RestPath Long id, @NotNull @Valid AuthorFields fields) {
        return authors.update(id, fields);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an author; its uploads stay, with no author")
    public Uni<Void> delete(@RestPath Long id) {
        return authors.delete(id);
    }

    @PUT
    @Path("/{id}/featured-video")
    @Operation(summary = "Feature an existing video (409 if another author features it)")
    public Uni<AuthorView> feature(@RestPath Long id, @NotNull @Valid VideoLink link) {
        return authors.feature(id, link.videoId());
    }

    @DELETE
    @Path("/{id}/featured-video")
    @Operation(summary = "Feature no video")
    public Uni<Void> unfeature(@RestPath Long id) {
        return authors.unfeature(id);
    }

    @GET
    @Path("/{id}/videos")
    @Operation(summary = "The author's uploads")
    public Uni<List<VideoSummary>> videos(@RestPath Long id) {
        return authors.videos(id);
    }

    @POST
    @Path("/{id}/videos")
    @Operation(summary = "Upload a new video as this author")
    public Uni<RestResponse<VideoView>> upload(@RestPath Long id, @NotNull @Valid VideoFields video) {
        return authors.upload(id, video)
                .map(created -> Responses.created("/videos/" + created.id(), created));
    }

    @GET
    @Path("/{id}/credits")
    @Operation(summary = "The videos this author is credited on, with each credit's data")
    public Uni<List<CreditedVideo>> credits(@RestPath Long id) {
        return authors.credits(id);
    }
}

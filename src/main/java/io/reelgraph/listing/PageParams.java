package io.reelgraph.listing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The paging parameters every list takes (see {@link Listing}). */
public class PageParams {

    @QueryParam("page")
    @Min(0)
    @Parameter(description = "Page number from 0, within the first " + Listing.WINDOW + " rows; default 0")
    Integer page;

    @QueryParam("size")
    @DefaultValue("" + Listing.DEFAULT_SIZE)
    @Min(1)
    @Max(Listing.MAX_SIZE)
    @Parameter(description = "Rows per page")
    int size = Listing.DEFAULT_SIZE;

    @QueryParam("sort")
    @Parameter(description = "One field to sort by, - before it for descending; ties are broken by id in the same"
            + " direction")
    String sort;

    @QueryParam("cursor")
    @Parameter(description = "Where the page starts: the value in a page's next link, sent back as it is")
    String cursor;

    @Context
    UriInfo uri;

    /** This request's URL (from its path on) with {@code cursor} in place of a page number or another cursor. */
    public String link(String cursor) {
        var next = uri.getRequestUriBuilder().replaceQueryParam("page").replaceQueryParam("cursor", cursor).build();
        return next.getRawPath() + "?" + next.getRawQuery();
    }

    public Integer page() {
        return page;
    }

    public int pageOrFirst() {
        return page == null ? 0 : page;
    }

    public int size() {
        return size;
    }

    public String sort() {
        return sort;
    }

    public String cursor() {
        return cursor;
    }
}

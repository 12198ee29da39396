package io.reelgraph.common;

import java.net.URI;

import org.jboss.resteasy.reactive.RestResponse;

public final class Responses {

    private Responses() {
    }

    /** 201 with the new resource's location and its representation. */
    public static <T> RestResponse<T> created(String location, T body) {
        return RestResponse.ResponseBuilder.<T> created(URI.create(location)).entity(body).build();
    }
}

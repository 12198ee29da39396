package io.reelgraph.common;

import java.net.URI;

import org.jboss.resteasy.reactive.RestResponse;

import io.vertx.core.http.HttpServerResponse;

public final class Responses {

    private Responses() {
    }

    /** 201 with the new resource's location and its representation. */
    public static <T> RestResponse<T> created(String location, T body) {
        RestResponse.ResponseBuilder<T> response = RestResponse.ResponseBuilder.<T> created(URI.create(location)).entity(body);
        if (body instanceof Versioned versioned) {
            response.header("ETag", versioned.etag());
        }
        return response.build();
    }

    /** Whether the response has been sent, or its client has gone: nothing more can be sent either way. */
    public static boolean answered(HttpServerResponse response) {
        return response.ended() || response.closed();
    }

    /** 200 with the representation and its ETag. */
    public static <T extends Versioned> RestResponse<T> ok(T body) {
        return RestResponse.ResponseBuilder.ok(body).header("ETag", body.etag()).build();
    }
}

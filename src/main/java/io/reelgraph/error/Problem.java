package io.reelgraph.error;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem, stable for clients to switch on
 * @param violations the offending fields, for validation problems only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
@Schema(name = "Problem") // a schema of its own, which every error response of the contract refers to
public record Problem(String type, String title, int status, String detail, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One rejected field: a JSON-style path into the request ({@code credits[1].extraData}) and why. */
    @RegisterForReflection
    public record Violation(String field, String message) {
    }

    /**
     * Where the request's Vert.x context keeps the type of the problem it was answered with (its last part, {@code not-found}),
     * for the HTTP metrics' {@code problem} label ({@code observability.MetricTags}).
     */
    public static final Object SENT = Problem.class.getName() + ".sent";

    public Response toResponse() {
        remember();
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }

    /** Ends {@code response} with this problem, for the route handlers that answer instead of a resource. */
    public void send(HttpServerResponse response) {
        remember();
        response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(Json.encode(this));
    }

    @SuppressWarnings("deprecation") // Quarkus's HTTP metrics read the request context's data by this (Object) key
    private void remember() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(SENT, type.substring(type.lastIndexOf(':') + 1));
        }
    }
}

package io.reelgraph.error;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request whose declared body ({@code Content-Length}) is over its limit with a 413 problem before reading
 * any of it: {@code reelgraph.http.max-body-size}, or {@code reelgraph.http.graph-max-body-size} for the imports of
 * {@code POST /graph}. A chunked body declares no length: past {@code quarkus.http.limits.max-body-size} (the larger
 * of the two) Vert.x itself cuts it off, with a bare 413.
 */
@ApplicationScoped
public class BodyLimit {

    @ConfigProperty(name = "reelgraph.http.max-body-size")
    MemorySize maxBodySize;

    @ConfigProperty(name = "reelgraph.http.graph-max-body-size")
    MemorySize graphMaxBodySize;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::rejectDeclaredOversize);
    }

    private void rejectDeclaredOversize(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        long limit = limitOf(context).asLongValue();
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > limit) {
            tooLarge(context, limit);
        } else {
            context.next();
        }
    }

    private MemorySize limitOf(RoutingContext context) {
        return context.request().path().equals("/graph") ? graphMaxBodySize : maxBodySize;
    }

    private static void tooLarge(RoutingContext context, long limit) {
        Problem problem = ProblemType.ofStatus(413, "The request body is larger than " + limit + " bytes");
        context.response().setStatusCode(413)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Json.encode(problem));
    }
}

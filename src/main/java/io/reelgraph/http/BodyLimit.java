package io.reelgraph.http;

import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.netty.buffer.ByteBufInputStream;
import io.quarkus.runtime.configuration.MemorySize;
import io.reelgraph.error.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Answers a request whose body is over its limit with a 413 problem: {@code reelgraph.http.max-body-size}, or
 * {@code reelgraph.http.graph-max-body-size} for the imports of {@code POST /graph}. A declared body
 * ({@code Content-Length}) is judged before any of it is read. An HTTP/1.1 body of no declared length (chunked) of a
 * POST, PUT or PATCH is read here and cut off as soon as it passes the limit; RESTEasy then gets the bytes read. Over HTTP/2
 * RESTEasy cannot
 * take a body read before it, so an undeclared HTTP/2 body is left to Quarkus's reader, given the same limit, which
 * answers a bare 413.
 */
@ApplicationScoped
public class BodyLimit {

    /** Marks a request whose body this class has read. */
    private static final String READ_HERE = BodyLimit.class.getName() + ".read";
    /** Where Quarkus's request reader looks for the limit of a body of no declared length. */
    private static final String QUARKUS_READER_LIMIT = "io.quarkus.max-request-size";
    /** Just after Quarkus puts its own (global) limit there. */
    private static final int AFTER_QUARKUS_LIMIT = -1;

    private final MemorySize maxBodySize;

    private final MemorySize graphMaxBodySize;

    BodyLimit(@ConfigProperty(name = "reelgraph.http.max-body-size") MemorySize maxBodySize,
            @ConfigProperty(name = "reelgraph.http.graph-max-body-size") MemorySize graphMaxBodySize) {
        this.maxBodySize = maxBodySize;
        this.graphMaxBodySize = graphMaxBodySize;
    }

    void install(@Observes Router router) {
        router.route().order(GuardOrder.BODY_LIMIT).handler(this::limit);
        router.route().order(AFTER_QUARKUS_LIMIT).handler(context -> {
            if (context.get(QUARKUS_READER_LIMIT) != null) {
                context.put(QUARKUS_READER_LIMIT, limitOf(context));
            }
            context.next();
        });
        // the body handler fails a body that grows past its limit with a bare 413
        router.route().order(GuardOrder.BODY_LIMIT).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().ended()) {
                tooLarge(context, limitOf(context));
            } else {
                context.next();
            }
        });
    }

    private void limit(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        long limit = limitOf(context);
        HttpMethod method = context.request().method();
        if (length != null) {
            if (length.chars().allMatch(Character::isDigit) && length.length() < 19 && Long.parseLong(length) > limit) {
                tooLarge(context, limit);
            } else {
                context.next();
            }
        } else if ((method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH)
                && context.request().version() != HttpVersion.HTTP_2) {
            context.put(READ_HERE, true);
            BodyHandler.create(false).setBodyLimit(limit).handle(context);
        } else {
            context.next();
        }
    }

    /** Hands a body read here to RESTEasy, which would otherwise try to read it from the request again. */
    @ServerRequestFilter(preMatching = true)
    public void handOver(ContainerRequestContext request, RoutingContext context) {
        if (context.get(READ_HERE) != null) {
            Buffer body = context.body().buffer();
            request.setEntityStream(body == null ? InputStream.nullInputStream()
                    : new ByteBufInputStream(body.getByteBuf()));
        }
    }

    private long limitOf(RoutingContext context) {
        return (GuardOrder.isImportPath(context) ? graphMaxBodySize : maxBodySize).asLongValue();
    }

    private static void tooLarge(RoutingContext context, long limit) {
        context.response().putHeader("Connection", "close");
        ProblemType.ofStatus(413, "The request body is larger than " + limit + " bytes").send(context.response());
    }
}

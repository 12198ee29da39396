package io.reelgraph.error;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The last line against a request that never completes (a database connection lost mid-query can leave one
 * waiting): after {@code reelgraph.request-timeout} the client gets a 503 problem instead of waiting forever.
 */
@ApplicationScoped
public class RequestTimeout {

    private static final Logger LOG = Logger.getLogger(RequestTimeout.class);

    @ConfigProperty(name = "reelgraph.request-timeout", defaultValue = "10s")
    Duration timeout;

    void install(@Observes Router router, Vertx vertx) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            long timer = vertx.setTimer(timeout.toMillis(), id -> expire(context));
            context.addEndHandler(ended -> vertx.cancelTimer(timer));
            context.next();
        });
    }

    private void expire(RoutingContext context) {
        if (context.response().ended() || context.response().headWritten()) {
            return;
        }
        LOG.warnf("%s %s did not complete within %s", context.request().method(), context.request().path(), timeout);
        Problem problem = ProblemType.DATABASE_UNAVAILABLE.problem(
                "The request did not complete within " + timeout.toSeconds() + " s; retry later");
        context.response().setStatusCode(503)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}

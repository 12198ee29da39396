package io.reelgraph.error;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The last line against a request that never completes (a database connection lost mid-query can leave one
 * waiting): after {@code reelgraph.request-timeout} ({@code reelgraph.import-timeout} for {@code POST /graph}) the
 * client gets a 503 {@code timeout} problem instead of waiting forever. It does not cancel the work, so a timed-out
 * write may still commit; the problem says so.
 */
@ApplicationScoped
public class RequestTimeout {

    private static final Logger LOG = Logger.getLogger(RequestTimeout.class);

    @ConfigProperty(name = "reelgraph.request-timeout", defaultValue = "10s")
    Duration timeout;

    /** An import of tens of thousands of rows takes seconds of its own. */
    @ConfigProperty(name = "reelgraph.import-timeout", defaultValue = "60s")
    Duration importTimeout;

    void install(@Observes Router router, Vertx vertx) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            if (context.request().headers().contains("Upgrade")) {
                context.next(); // a WebSocket (the Dev UI's) lives on after its HTTP request
                return;
            }
            Duration limit = context.request().method() == HttpMethod.POST && context.request().path().equals("/graph")
                    ? importTimeout : timeout;
            long timer = vertx.setTimer(limit.toMillis(), id -> expire(context, limit));
            context.addEndHandler(ended -> vertx.cancelTimer(timer));
            context.next();
        });
    }

    private static void expire(RoutingContext context, Duration timeout) {
        if (context.response().ended() || context.response().headWritten()) {
            return;
        }
        LOG.warnf("%s %s did not complete within %s", context.request().method(), context.request().path(), timeout);
        // the work goes on behind the answer: a write may still commit, so a client must look before it retries
        boolean read = context.request().method() == HttpMethod.GET || context.request().method() == HttpMethod.HEAD;
        Problem problem = ProblemType.TIMEOUT.problem("The request did not complete within " + timeout.toSeconds()
                + " s" + (read ? "; retry later" : "; it may still take effect: read the resource before retrying"));
        context.response().setStatusCode(503)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}

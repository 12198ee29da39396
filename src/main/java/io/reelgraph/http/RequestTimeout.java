package io.reelgraph.http;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.reelgraph.common.Responses;
import io.reelgraph.database.CommitDeadline;
import io.reelgraph.error.ProblemType;
import io.reelgraph.observability.IncidentLog;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The last line against a request that never completes: after {@code reelgraph.request-timeout}
 * ({@code reelgraph.import-timeout} for {@code POST /graph}) the client gets a 503 {@code timeout} problem instead of
 * waiting on. It does not cancel the work, so it also starts the request's {@link CommitDeadline}: a write not ready to
 * commit by then is rolled back, leaving the rest of the time for the commit itself. The clock starts before the body
 * is read.
 */
@ApplicationScoped
public class RequestTimeout {

    private static final Logger LOG = Logger.getLogger(RequestTimeout.class);

    private final Duration timeout;

    private final Duration importTimeout;

    private final IncidentLog incidents;

    RequestTimeout(@ConfigProperty(name = "reelgraph.request-timeout") Duration timeout,
            @ConfigProperty(name = "reelgraph.import-timeout") Duration importTimeout, IncidentLog incidents) {
        this.timeout = timeout;
        this.importTimeout = importTimeout;
        this.incidents = incidents;
    }

    void install(@Observes Router router, Vertx vertx) {
        router.route().order(GuardOrder.TIMEOUT).handler(context -> {
            if (GuardOrder.isUpgrade(context)) {
                context.next();
                return;
            }
            Duration limit = GuardOrder.isImport(context) ? importTimeout : timeout;
            CommitDeadline.start(context, limit);
            long timer = vertx.setTimer(limit.toMillis(), id -> expire(context, limit));
            context.addEndHandler(ended -> vertx.cancelTimer(timer));
            context.next();
        });
        // the work behind a request answered here (or by DatabaseOutageGuard) may still finish, and then finds the
        // response written or reset: nothing is left to tell the client, so that is not an error worth a stack trace
        router.route().order(GuardOrder.TIMEOUT).failureHandler(context -> {
            if (isLateAnswer(context)) {
                LOG.debugf("%s %s finished after it was answered", context.request().method(), context.request().path());
            } else {
                context.next();
            }
        });
    }

    private static boolean isLateAnswer(RoutingContext context) {
        return Responses.answered(context.response()) && isLateWrite(context.failure());
    }

    /** The failure of writing to a response that was already answered (here, or by DatabaseOutageGuard). */
    static boolean isLateWrite(Throwable failure) {
        return failure instanceof IllegalStateException && failure.getMessage() != null
                && (failure.getMessage().startsWith("Response has already been written")
                        || failure.getMessage().startsWith("Response is closed"));
    }

    /** What a client whose request was cut short should do: a write may have been committed just before. */
    static String retryAdvice(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD ? "retry later"
                : "a change is rolled back unless its commit was already under way: read the resource before retrying";
    }

    private void expire(RoutingContext context, Duration limit) {
        if (context.response().ended() || context.response().headWritten()) {
            return;
        }
        incidents.failed(IncidentLog.Kind.TIMEOUTS,
                context.request().method() + " " + context.request().path() + " did not complete within " + limit);
        ProblemType.TIMEOUT.problem("The request did not complete within " + limit.toSeconds() + " s; "
                + retryAdvice(context.request().method())).send(context.response());
    }
}

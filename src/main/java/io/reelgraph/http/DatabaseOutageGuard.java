package io.reelgraph.http;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.reelgraph.common.Responses;
import io.reelgraph.database.DatabasePool;
import io.reelgraph.error.ProblemType;
import io.reelgraph.observability.IncidentLog;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * When a request fails because its database connection was lost or refused, asks the server directly whether it is
 * down ({@link DatabasePool#down}: it refuses or drops a connection of its own); if it is, every API request still in
 * flight is answered with a 503 {@code database-unavailable} problem at once, rather than by the request timeout.
 * A write answered this way does not commit afterwards ({@code database.Transactions} checks before committing), unless
 * its commit was already under way; the problem tells a writer to look before it retries.
 * <p>
 * Why: a request can wait forever on a connection that died under it. When a MySQL connection closes, the client
 * fails the command in flight, and from that callback the pool hands the same (dead, not yet removed) connection to
 * the next waiting request, or Hibernate Reactive sends its rollback on it; the connection's codec then drops that
 * command without completing it: vertx-mysql-client 4.5.27's {@code MySQLCodec.fail} reports only the first failed
 * command and {@code add} fails every later one through it, so they are lost. vertx-sql-client 5.1.0 fixed it (commit
 * c684c42, "Let the socket connection take care of the lifecycle of command message"): this guard can go when the
 * platform's Vert.x is 5.1 or later and {@code DatabaseOutageTest} passes without it. A server that is merely slow, or
 * one connection dropped while the server answers (a cluster node behind a proxy dies), does not set this off: a
 * transaction on the dropped connection fails at once without awaiting its rollback ({@code database.Transactions}),
 * and a request handed the dead connection by the pool waits for its timeout.
 */
@ApplicationScoped
public class DatabaseOutageGuard {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SWEEP = Duration.ofSeconds(10);

    private final DatabasePool database;

    private final Vertx vertx;

    private final IncidentLog incidents;

    DatabaseOutageGuard(DatabasePool database, Vertx vertx, IncidentLog incidents) {
        this.database = database;
        this.vertx = vertx;
        this.incidents = incidents;
    }

    private long sweeper;

    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicBoolean lostMeanwhile = new AtomicBoolean();

    private record InFlight(RoutingContext request, Context context) {

        boolean answered() {
            return Responses.answered(request.response());
        }
    }

    void install(@Observes Router router) {
        // an end handler can be lost (Quarkus's body reader replaces the response's when it cuts a body off), so
        // answered requests are also swept out now and then
        sweeper = vertx.setPeriodic(SWEEP.toMillis(), id -> inFlight.removeIf(InFlight::answered));
        router.route().order(GuardOrder.OUTAGE).handler(context -> {
            // health, metrics and OpenAPI must answer for themselves (liveness stays UP through an outage)
            if (!context.request().path().startsWith("/q/") && !GuardOrder.isUpgrade(context)) {
                InFlight request = new InFlight(context, Vertx.currentContext());
                inFlight.add(request);
                context.addEndHandler(ended -> inFlight.remove(request));
            }
            context.next();
        });
    }

    @PreDestroy
    void stopSweeping() {
        vertx.cancelTimer(sweeper);
    }

    /** A request failed because a database connection was lost or could not be opened. */
    public void connectionLost() {
        lostMeanwhile.set(true);
        if (probing.compareAndSet(false, true)) {
            probe();
        }
    }

    /** One probe at a time; a loss reported while it runs starts another after it, for requests begun meanwhile. */
    private void probe() {
        lostMeanwhile.set(false);
        List<InFlight> suspects = inFlight.stream().filter(request -> !request.answered()).toList();
        database.down(PROBE_TIMEOUT).subscribe().with(down -> {
            if (down) {
                suspects.forEach(request -> request.context().runOnContext(v -> abandon(request.request())));
            }
            probed();
        }, failure -> probed());
    }

    private void probed() {
        probing.set(false);
        if (lostMeanwhile.get() && probing.compareAndSet(false, true)) {
            probe();
        }
    }

    private void abandon(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (Responses.answered(response)) {
            return;
        }
        incidents.failed(IncidentLog.Kind.DATABASE_UNAVAILABLE, "the database went down while "
                + context.request().method() + " " + context.request().path() + " was in flight");
        if (response.headWritten()) {
            response.reset(); // a stream cut short: closing it is how HTTP says it is incomplete
            return;
        }
        ProblemType.DATABASE_UNAVAILABLE.problem("The database became unreachable while the request was in flight; "
                + RequestTimeout.retryAdvice(context.request().method())).send(response);
    }
}

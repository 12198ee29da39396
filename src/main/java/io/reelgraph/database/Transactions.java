package io.reelgraph.database;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.reelgraph.common.Responses;
import io.reelgraph.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Write transactions that commit only while their client still waits for the answer. Just before the commit, once
 * every statement (the flush included) has returned, the transaction is rolled back with a 503 {@code timeout}
 * problem if the request has already been answered (its timeout, or the database outage guard) or if it is past the
 * request's {@link CommitDeadline}, which leaves the commit time to finish before the timeout. The
 * work is not cut off mid-statement: a session must not be used while a statement is still out; how long a statement
 * can wait on a row lock is bounded on each connection ({@code database.DatabasePool}).
 * <p>
 * A transaction that loses a deadlock, or on a Galera cluster loses certification to a write committed on another node
 * (both are error 1213, and both roll the whole transaction back), is run again from the start, in a new session, when
 * the request is idempotent (PUT, DELETE): the client asked for an end state, and a second run reaches it or answers
 * why not (a 404, a 412, a 409 for a link taken meanwhile). A POST that loses is a 409 problem (http.ProblemMappers):
 * running it again could create what the client will also create when it retries on the answer.
 * <p>
 * A transaction whose connection is lost under it (a cluster node behind a proxy dies) fails at once with a 503
 * {@code database-unavailable} problem, without waiting for its rollback. Nothing was committed, but it is not run
 * again: the node or the whole server may be gone, and the problem tells the client when to retry.
 */
@ApplicationScoped
public class Transactions {

    /** Runs after the first; a write that loses this often in a row meets a hot spot, and its client hears so. */
    private static final int CONFLICT_RETRIES = 3;

    private final CurrentVertxRequest request;

    private final Counter conflicts;

    Transactions(CurrentVertxRequest request, MeterRegistry registry) {
        this.request = request;
        this.conflicts = Counter.builder("reelgraph.write.conflicts")
                .description("Write transactions that lost a deadlock or a Galera certification conflict (each attempt)")
                .register(registry);
    }

    /** {@code work} in a Hibernate Reactive transaction. */
    public <T> Uni<T> write(Supplier<Uni<T>> work) {
        RoutingContext context = current();
        return retryingConflicts(context,
                guarded -> Panache.withTransaction(() -> guarded.apply(work.get().call(() -> Panache.flush()))));
    }

    /** {@code work} in a transaction on one of {@code pool}'s connections. */
    public <T> Uni<T> write(Pool pool, Function<SqlConnection, Uni<T>> work) {
        RoutingContext context = current();
        return retryingConflicts(context,
                guarded -> pool.withTransaction(connection -> guarded.apply(work.apply(connection))));
    }

    /** Each attempt is made afresh: Panache opens a new session for it, the failed one having been closed. */
    private <T> Uni<T> retryingConflicts(RoutingContext context,
            Function<UnaryOperator<Uni<T>>, Uni<T>> transaction) {
        Uni<T> once = Uni.createFrom().<T> deferred(() -> attempt(context, transaction))
                .onFailure(DatabaseErrors.DEADLOCK::causes)
                .invoke(() -> conflicts.increment());
        if (context == null || !isIdempotent(context.request().method())) {
            return once;
        }
        // not once the request has been answered (its timeout, or the outage guard): nobody waits for the result
        return once.onFailure(failure -> DatabaseErrors.DEADLOCK.causes(failure) && !Responses.answered(context.response()))
                .retry()
                .atMost(CONFLICT_RETRIES);
    }

    /**
     * One attempt: {@code transaction} passes its work through the given operator, which lets it commit only while the
     * client waits for it, and gives the attempt up as soon as the work fails on a lost connection. The transaction's
     * rollback is then sent on the dead connection, and vertx-mysql-client 4.5.27 drops that command without ever
     * completing it ({@code http.DatabaseOutageGuard} says why, and from which version it does not): waiting for it
     * would hold the request until its timeout. Nothing was committed (the operator is on the work, before the commit),
     * and the server rolls the transaction back when its connection goes.
     */
    private static <T> Uni<T> attempt(RoutingContext context, Function<UnaryOperator<Uni<T>>, Uni<T>> transaction) {
        CompletableFuture<T> gaveUp = new CompletableFuture<>();
        Uni<T> attempt = transaction.apply(work -> work.invoke(() -> requireAwaited(context))
                .onFailure(DatabaseErrors::isConnectionLost).invoke(failure -> giveUp(gaveUp, failure)));
        return Uni.combine().any().of(attempt, Uni.createFrom().completionStage(gaveUp));
    }

    private static void giveUp(CompletableFuture<?> gaveUp, Throwable failure) {
        Context context = Vertx.currentContext();
        if (context == null) {
            gaveUp.completeExceptionally(failure);
        } else {
            // on the next turn: a rollback that does complete answers first, as usual
            context.runOnContext(next -> gaveUp.completeExceptionally(failure));
        }
    }

    private static boolean isIdempotent(HttpMethod method) {
        return HttpMethod.PUT.equals(method) || HttpMethod.DELETE.equals(method);
    }

    private RoutingContext current() {
        return Arc.container().requestContext().isActive() ? request.getCurrent() : null;
    }

    private static void requireAwaited(RoutingContext context) {
        if (context == null) {
            return; // not serving a request: nobody to disappoint
        }
        if (Responses.answered(context.response())) {
            throw ApiException.timedOut("The request was answered before the change could commit; it was rolled back");
        }
        if (CommitDeadline.passed(context)) {
            throw ApiException.timedOut("The change was not ready to commit in time and was rolled back; nothing was"
                    + " written: retry later");
        }
    }
}

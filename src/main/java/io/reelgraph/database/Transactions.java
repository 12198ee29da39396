package io.reelgraph.database;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.reelgraph.error.ApiException;
import io.smallrye.mutiny.Uni;
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
 */
@ApplicationScoped
public class Transactions {

    private final CurrentVertxRequest request;

    Transactions(CurrentVertxRequest request) {
        this.request = request;
    }

    /** {@code work} in a Hibernate Reactive transaction. */
    public <T> Uni<T> write(Supplier<Uni<T>> work) {
        RoutingContext context = current();
        return Panache.withTransaction(() -> work.get().call(() -> Panache.flush()).invoke(() -> requireAwaited(context)));
    }

    /** {@code work} in a transaction on one of {@code pool}'s connections. */
    public <T> Uni<T> write(Pool pool, Function<SqlConnection, Uni<T>> work) {
        RoutingContext context = current();
        return pool.withTransaction(connection -> work.apply(connection).invoke(() -> requireAwaited(context)));
    }

    private RoutingContext current() {
        return Arc.container().requestContext().isActive() ? request.getCurrent() : null;
    }

    private static void requireAwaited(RoutingContext context) {
        if (context == null) {
            return; // not serving a request: nobody to disappoint
        }
        if (context.response().ended() || context.response().closed()) {
            throw ApiException.timedOut("The request was answered before the change could commit; it was rolled back");
        }
        if (CommitDeadline.passed(context)) {
            throw ApiException.timedOut("The change was not ready to commit in time and was rolled back; nothing was"
                    + " written: retry later");
        }
    }
}

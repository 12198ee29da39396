package io.reelgraph.common;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.reelgraph.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Write transactions that commit only when they are ready in time. Past {@code reelgraph.request-timeout} a client
 * has its answer (a 503 from the request timeout), so a write must not land behind it: one whose statements, flush
 * included, took longer than {@value #BUDGET_PERCENT}% of its request's timeout is rolled back and answered with a 503
 * {@code timeout} problem. The rest of the timeout is for the commit. The work is not cut off mid-statement (its
 * session stays in use until the statement returns); how long it can wait on a row lock is bounded by the server.
 */
@ApplicationScoped
public class Transactions {

    private static final int BUDGET_PERCENT = 80;

    @ConfigProperty(name = "reelgraph.request-timeout")
    Duration requestTimeout;

    @ConfigProperty(name = "reelgraph.import-timeout")
    Duration importTimeout;

    /** {@code work} in a Hibernate Reactive transaction. */
    public <T> Uni<T> write(Supplier<Uni<T>> work) {
        return Panache.withTransaction(() -> inTime(budget(requestTimeout), () -> work.get().call(() -> Panache.flush())));
    }

    /** {@code work} in a transaction on one of {@code pool}'s connections, with the time of an import. */
    public <T> Uni<T> importing(Pool pool, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(connection -> inTime(budget(importTimeout), () -> work.apply(connection)));
    }

    private static Duration budget(Duration timeout) {
        return timeout.multipliedBy(BUDGET_PERCENT).dividedBy(100);
    }

    private static <T> Uni<T> inTime(Duration budget, Supplier<Uni<T>> work) {
        long started = System.nanoTime();
        return work.get().invoke(() -> {
            if (System.nanoTime() - started > budget.toNanos()) {
                throw ApiException.timedOut("The change was not ready to commit within " + budget.toMillis() / 1000.0
                        + " s and was rolled back; nothing was written: retry later");
            }
        });
    }
}

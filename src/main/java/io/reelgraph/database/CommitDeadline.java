package io.reelgraph.database;

import java.time.Duration;

import io.vertx.ext.web.RoutingContext;

/**
 * The time a request's write has to be ready to commit: {@value #COMMIT_PERCENT}% of the request's timeout from its
 * arrival, leaving the rest for the commit itself. The HTTP layer sets it on each request ({@code http.RequestTimeout});
 * {@link Transactions} rolls back a write past it, and {@link DatabasePool} waits on a row lock no longer than it.
 */
public final class CommitDeadline {

    private static final int COMMIT_PERCENT = 80;
    private static final String KEY = CommitDeadline.class.getName();

    private CommitDeadline() {
    }

    /** How long a write of a request with this timeout has to be ready to commit. */
    public static Duration budget(Duration timeout) {
        return timeout.multipliedBy(COMMIT_PERCENT).dividedBy(100);
    }

    /** Starts the request's commit clock now, for a request with this timeout. */
    public static void start(RoutingContext context, Duration timeout) {
        context.put(KEY, System.nanoTime() + budget(timeout).toNanos());
    }

    /** Whether the request's commit deadline has passed; never outside a timed request. */
    public static boolean passed(RoutingContext context) {
        Long deadline = context.get(KEY);
        return deadline != null && System.nanoTime() - deadline > 0;
    }
}

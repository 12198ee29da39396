package io.reelgraph.database;

import java.util.Arrays;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Drops one harmless error from the logs: when a connection attempt fails (the database is down), the Vert.x SQL
 * pool fails the query at once but leaves its wait timer running, and the timer then fails the same result again
 * ({@code SqlConnectionPool.execute} cancels the timer only on success: eclipse-vertx/vertx-sql-client#1706, open,
 * reported on 4.5.34). Vert.x reports that as an uncaught {@code IllegalStateException} with a stack trace, once per
 * query, which during an outage would bury the warnings that matter. The query itself was already answered.
 * <p>
 * Remove this filter once the vertx-sql-client that the Quarkus platform brings has the fix for #1706: with the
 * filter gone, {@code DatabaseOutageTest}'s log then shows no "Result is already complete".
 */
@LoggingFilter(name = "pool-timer-noise")
public final class PoolTimerNoise implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        Throwable thrown = record.getThrown();
        return !(thrown instanceof IllegalStateException
                && "Result is already complete".equals(thrown.getMessage())
                && Arrays.stream(thrown.getStackTrace()).limit(3)
                        .anyMatch(frame -> frame.getClassName().equals("io.vertx.sqlclient.impl.pool.SqlConnectionPool")));
    }
}

package io.reelgraph.observability;

import java.util.Arrays;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Drops two harmless log records that upstream bugs produce, each of which would otherwise be taken for a problem:
 * <ul>
 * <li>When a connection attempt fails (the database is down), the Vert.x SQL pool fails the query at once but leaves
 * its wait timer running, and the timer then fails the same result again ({@code SqlConnectionPool.execute} cancels
 * the timer only on success: eclipse-vertx/vertx-sql-client#1706, open, reported on 4.5.34). Vert.x reports that as an
 * uncaught {@code IllegalStateException} with a stack trace, once per query: during an outage it would bury the
 * warnings that matter. The query itself was already answered. Remove this rule once the platform's vertx-sql-client
 * has the fix: with it gone, {@code DatabaseOutageTest}'s log then shows no "Result is already complete".</li>
 * <li>At every start Micrometer warns that the reactive pool's {@code mysql.queue.size} gauge "has been already
 * registered": Quarkus's pool metrics register it twice, and the second registration is ignored, so the metric is
 * right (quarkusio/quarkus#47504, fixed by quarkusio/quarkus#53331 after 3.33). Only that gauge's warning is dropped;
 * remove this rule with the platform upgrade that brings the fix ({@code UpstreamNoiseTest} and the packaged
 * application's log, {@code PackagedApplicationIT}, then show whether it is still needed).</li>
 * </ul>
 */
@LoggingFilter(name = "upstream-noise")
public final class UpstreamNoise implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(poolTimerFailure(record) || duplicateQueueGauge(record));
    }

    private static boolean poolTimerFailure(LogRecord record) {
        Throwable thrown = record.getThrown();
        return thrown instanceof IllegalStateException
                && "Result is already complete".equals(thrown.getMessage())
                && Arrays.stream(thrown.getStackTrace()).limit(3)
                        .anyMatch(frame -> frame.getClassName().equals("io.vertx.sqlclient.impl.pool.SqlConnectionPool"));
    }

    private static boolean duplicateQueueGauge(LogRecord record) {
        if (!"io.micrometer.core.instrument.MeterRegistry".equals(record.getLoggerName())) {
            return false;
        }
        // the gauge's name is in the message or in its parameters, depending on how the slf4j binding hands it over
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String parameters = record.getParameters() == null ? "" : Arrays.toString(record.getParameters());
        return message != null && message.startsWith("This Gauge has been already registered")
                && (message + parameters).contains("mysql.queue.size");
    }
}

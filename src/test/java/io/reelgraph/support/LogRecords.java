package io.reelgraph.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

import io.reelgraph.observability.UpstreamNoise;

/**
 * The log records the service (in the test's JVM) emits while capturing, as its console shows them (through the
 * console's filter, {@link UpstreamNoise}), each with its text and the trace id of the context it was logged in (the
 * MDC, which JSON logs print as {@code mdc.traceId}).
 */
public final class LogRecords implements AutoCloseable {

    /** One record as the log shows it. */
    public record Line(String logger, String level, String text, String traceId) {
    }

    private static final UpstreamNoise CONSOLE_FILTER = new UpstreamNoise();

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (!CONSOLE_FILTER.isLoggable(record)) {
                return;
            }
            ExtLogRecord ext = (ExtLogRecord) record;
            lines.add(new Line(ext.getLoggerName(), ext.getLevel().getName(), ext.getFormattedMessage(),
                    ext.getMdc("traceId")));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogRecords() {
        Logger.getLogger("").addHandler(handler);
    }

    public static LogRecords capture() {
        return new LogRecords();
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}

package io.reelgraph.observability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class UpstreamNoiseUnitTest {

    private final UpstreamNoise filter = new UpstreamNoise();

    @Test
    void dropsOnlyTheDuplicateQueueGaugeWarning() {
        assertFalse(filter.isLoggable(micrometer("mysql.queue.size")));
        assertTrue(filter.isLoggable(micrometer("http.server.active.requests")), "another gauge's warning stays");
        // with the meter's id as a parameter, as slf4j can pass it
        ExtLogRecord parameterised = new ExtLogRecord(Level.WARNING, "This Gauge has been already registered ({}), the"
                + " registration will be ignored.", ExtLogRecord.FormatStyle.NO_FORMAT, UpstreamNoiseUnitTest.class.getName());
        parameterised.setLoggerName("io.micrometer.core.instrument.MeterRegistry");
        parameterised.setParameters(new Object[] { "MeterId{name='mysql.queue.size', tags=[]}" });
        assertFalse(filter.isLoggable(parameterised));
    }

    @Test
    void dropsOnlyThePoolTimersSecondFailure() {
        IllegalStateException timer = new IllegalStateException("Result is already complete");
        timer.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("io.vertx.sqlclient.impl.pool.SqlConnectionPool", "lambda$execute$0", null, 1) });
        assertFalse(filter.isLoggable(thrown(timer)));
        assertTrue(filter.isLoggable(thrown(new IllegalStateException("Result is already complete"))),
                "the same failure from elsewhere stays");
    }

    private static ExtLogRecord micrometer(String gauge) {
        // as slf4j hands it over: the message formatted already
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "This Gauge has been already registered (MeterId{name='"
                + gauge + "', tags=[tag(clientName=<default>),tag(clientType=sql)]}), the registration will be ignored.",
                ExtLogRecord.FormatStyle.NO_FORMAT, UpstreamNoiseUnitTest.class.getName());
        record.setLoggerName("io.micrometer.core.instrument.MeterRegistry");
        return record;
    }

    private static ExtLogRecord thrown(Throwable failure) {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "Uncaught exception received by Vert.x",
                ExtLogRecord.FormatStyle.NO_FORMAT, UpstreamNoiseUnitTest.class.getName());
        record.setLoggerName("io.quarkus.vertx.core.runtime.VertxCoreRecorder");
        record.setThrown(failure);
        return record;
    }
}

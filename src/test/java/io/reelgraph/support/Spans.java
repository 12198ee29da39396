package io.reelgraph.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.HttpAttributes;

/**
 * The spans the service records, kept in memory: Quarkus hands every finished span to each {@code SpanExporter}
 * bean, this one included (the OTLP exporter is off in the test build).
 */
@ApplicationScoped
public class Spans {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return exporter;
    }

    public void clear() {
        exporter.reset();
    }

    /**
     * The spans of the trace whose server span is named {@code name} ("GET /authors/{id}") and answered
     * {@code status}, once that span has ended and been exported; spans are exported in batches, so this waits up to
     * 10 s.
     */
    public List<SpanData> traceOf(String name, int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<SpanData> spans = exporter.getFinishedSpanItems();
            Optional<SpanData> server = spans.stream()
                    .filter(span -> span.getKind() == SpanKind.SERVER && span.getName().equals(name)
                            && Long.valueOf(status).equals(span.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)))
                    .findFirst();
            if (server.isPresent()) {
                String trace = server.get().getTraceId();
                return spans.stream().filter(span -> span.getTraceId().equals(trace)).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no server span '" + name + "' answering " + status + " after 10 s; spans: "
                        + spans.stream().map(SpanData::getName).toList());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

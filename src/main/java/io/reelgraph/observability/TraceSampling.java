package io.reelgraph.observability;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * Traces are recorded only when they have somewhere to go: with no {@code reelgraph.tracing.endpoint} nothing is
 * recorded, so the OTLP exporter never tries its default address, whatever a caller's {@code traceparent} asks for.
 * Every request still gets a trace id (it is in each log line, and passed on), and with an endpoint a caller's sampling
 * decision is followed, else {@code reelgraph.tracing.sample-ratio} of the traces is kept. Quarkus's own setting
 * ({@code quarkus.otel.traces.sampler}) is fixed at build time and cannot depend on the endpoint, hence this bean,
 * which Quarkus uses in its place.
 */
@ApplicationScoped
class TraceSampling {

    @Produces
    @Singleton
    Sampler sampler(@ConfigProperty(name = "reelgraph.tracing.endpoint") Optional<String> endpoint,
            @ConfigProperty(name = "reelgraph.tracing.sample-ratio") double ratio) {
        return endpoint.isPresent() ? Sampler.parentBased(Sampler.traceIdRatioBased(ratio)) : Sampler.alwaysOff();
    }
}

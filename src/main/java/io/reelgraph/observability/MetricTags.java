package io.reelgraph.observability;

import java.util.Optional;
import java.util.stream.DoubleStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import io.reelgraph.error.Problem;
import io.reelgraph.listing.Streams;
import io.vertx.core.http.HttpHeaders;

/**
 * Labels of the exported metrics that the alert rules and the dashboard (docs/monitoring) select on: every metric
 * carries {@code application} (a Prometheus that scrapes many services tells this one's apart by it), and each HTTP
 * request's metrics carry {@code problem}, the type of the problem it was answered with ({@code database-unavailable},
 * {@code timeout}, ...; {@code none} for a success), so that errors can be told apart by cause, and {@code streamed}
 * ({@code true} for an NDJSON stream, which lasts as long as its rows take), so that latency is judged on the rest.
 */
@ApplicationScoped
class MetricTags implements HttpServerMetricsTagsContributor {

    @Produces
    @Singleton
    MeterFilter application(@ConfigProperty(name = "quarkus.application.name") String name) {
        return MeterFilter.commonTags(Tags.of("application", name));
    }

    /**
     * Request durations also in fixed buckets (5 ms to 30 s, the import's timeout being 60 s), for p99 latency per
     * route in PromQL: a dozen series per route and status rather than Micrometer's default of about 70.
     */
    @Produces
    @Singleton
    MeterFilter latencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(LATENCY_BUCKETS).build()
                        .merge(config);
            }
        };
    }

    private static final double[] LATENCY_BUCKETS = DoubleStream.of(
            0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30).map(seconds -> seconds * 1e9).toArray();

    @Override
    public Tags contribute(Context context) {
        String type = context.response().headers().get(HttpHeaders.CONTENT_TYPE);
        return Tags.of("problem", Optional.ofNullable(context.<String> requestContextLocalData(Problem.SENT))
                .orElse("none"), "streamed", String.valueOf(type != null && type.startsWith(Streams.NDJSON)));
    }
}

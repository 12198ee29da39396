package io.reelgraph.database;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Readiness: the database can be reached, asked on a connection of its own ({@link DatabasePool#down}). It replaces
 * Quarkus's check, which runs {@code SELECT 1} on a pooled connection and so reports the state of that one
 * connection: behind a proxy of a Galera cluster, one connection to a node that has just lost quorum made every
 * replica unready at once, and the proxy in front of them answered every request itself, while the other nodes served.
 * A replica that cannot reach the database at all, on the other hand, is taken out, as before.
 * <p>
 * The same check also runs every {@code reelgraph.database.probe-interval}, whoever asks for readiness, and its last
 * answer is the gauge {@code reelgraph_database_reachable} (1 or 0), which the alert rules watch.
 */
@Readiness
@ApplicationScoped
public class DatabaseReachable implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final DatabasePool database;
    private final Vertx vertx;
    private final Duration interval;
    private final AtomicInteger reachable = new AtomicInteger(1);
    private long prober = -1;

    DatabaseReachable(DatabasePool database, Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "reelgraph.database.probe-interval") Duration interval) {
        this.database = database;
        this.vertx = vertx;
        this.interval = interval;
        Gauge.builder("reelgraph.database.reachable", reachable, AtomicInteger::get)
                .description("1 when the last check reached the database on a connection of its own, else 0")
                .register(registry);
    }

    void probe(@Observes StartupEvent started) {
        prober = vertx.setPeriodic(interval.toMillis(), id -> call().subscribe().with(response -> {
        }, failure -> reachable.set(0)));
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(prober);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return database.down(TIMEOUT).invoke(down -> reachable.set(down ? 0 : 1))
                .map(down -> HealthCheckResponse.named("database reachable").status(!down).build());
    }
}

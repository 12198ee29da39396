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
 * For the operators, a stricter probe ({@link DatabasePool#answers}: {@code DO 1} run within the timeout, on
 * a connection of its own) runs every {@code reelgraph.database.probe-interval}, one at a time, whoever asks for
 * readiness; its last answer is the gauge {@code reelgraph_database_reachable} (1 or 0), which the alert rules watch.
 * It also catches what readiness leaves alone: a server that hangs, refuses the credentials or has no connection
 * left.
 */
@Readiness
@ApplicationScoped
public class DatabaseReachable implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final DatabasePool database;
    private final Vertx vertx;
    private final Duration interval;
    private final AtomicInteger reachable = new AtomicInteger(1);
    private volatile long prober = -1;
    private volatile boolean stopped;

    DatabaseReachable(DatabasePool database, Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "reelgraph.database.probe-interval") Duration interval) {
        this.database = database;
        this.vertx = vertx;
        this.interval = interval;
        Gauge.builder("reelgraph.database.reachable", reachable, AtomicInteger::get)
                .description("1 when the last check reached the database on a connection of its own, else 0")
                .register(registry);
    }

    void start(@Observes StartupEvent started) {
        next();
    }

    /** The next probe is armed when the last has answered, so that probes never pile up behind a hanging server. */
    private void next() {
        if (stopped) {
            return;
        }
        prober = vertx.setTimer(interval.toMillis(), id -> database.answers(TIMEOUT).subscribe().with(answers -> {
            reachable.set(answers ? 1 : 0);
            next();
        }, failure -> {
            reachable.set(0);
            next();
        }));
    }

    @PreDestroy
    void stop() {
        stopped = true;
        vertx.cancelTimer(prober);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return database.down(TIMEOUT).map(down -> HealthCheckResponse.named("database reachable").status(!down).build());
    }
}

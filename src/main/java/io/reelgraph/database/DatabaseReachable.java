package io.reelgraph.database;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness: the database can be reached, asked on a connection of its own ({@link DatabasePool#down}). It replaces
 * Quarkus's check, which runs {@code SELECT 1} on a pooled connection and so reports the state of that one
 * connection: behind a proxy of a Galera cluster, one connection to a node that has just lost quorum made every
 * replica unready at once, and the proxy in front of them answered every request itself, while the other nodes served.
 * A replica that cannot reach the database at all, on the other hand, is taken out, as before.
 */
@Readiness
@ApplicationScoped
public class DatabaseReachable implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final DatabasePool database;

    DatabaseReachable(DatabasePool database) {
        this.database = database;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return database.down(TIMEOUT).map(down -> HealthCheckResponse.named("database reachable").status(!down).build());
    }
}

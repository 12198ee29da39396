package io.reelgraph.observability;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Logs a wave of failed requests as one incident rather than a line per request, so that an outage at production
 * traffic does not become a log storm that hides everything else: a WARN line when the first request fails (in that
 * request's context, so it carries its trace id), then at most one line per {@code reelgraph.log.incident-report-interval}
 * with the count meanwhile, and an INFO line with the total once none has failed for
 * {@code reelgraph.log.incident-quiet}. The requests themselves are counted by the HTTP metrics, by problem type.
 */
@ApplicationScoped
public class IncidentLog {

    private static final Logger LOG = Logger.getLogger(IncidentLog.class);

    /** What fails requests in waves; its text begins each of its log lines. */
    public enum Kind {
        DATABASE_UNAVAILABLE("Database unavailable"),
        POOL_EXHAUSTED("Database pool exhausted"),
        TIMEOUTS("Requests timing out");

        private final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    /** One incident in progress: all times in nanoseconds of {@link System#nanoTime}. */
    private static final class Incident {
        final long began;
        long last;
        long reported;
        long total;
        long sinceReport;

        Incident(long now) {
            began = now;
            last = now;
            reported = now;
        }
    }

    private final Duration quiet;
    private final Duration reportInterval;
    private final Vertx vertx;
    private final Map<Kind, Incident> open = new EnumMap<>(Kind.class);
    private long ticker = -1;

    IncidentLog(@ConfigProperty(name = "reelgraph.log.incident-quiet") Duration quiet,
            @ConfigProperty(name = "reelgraph.log.incident-report-interval") Duration reportInterval, Vertx vertx) {
        this.quiet = quiet;
        this.reportInterval = reportInterval;
        this.vertx = vertx;
    }

    /**
     * The checks for ended incidents and due reports run on a timer of their own, made here outside any request,
     * so that their lines carry no request's trace id.
     */
    void start(@Observes StartupEvent started) {
        long tick = Math.max(50, Math.min(1_000, Math.min(quiet.toMillis(), reportInterval.toMillis()) / 5));
        ticker = vertx.setPeriodic(tick, id -> tick());
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(ticker);
    }

    /** A request failed this way; {@code detail} (its error) is logged if it begins an incident. */
    public void failed(Kind kind, String detail) {
        long now = System.nanoTime();
        synchronized (open) {
            Incident incident = open.get(kind);
            if (incident != null) {
                incident.last = now;
                incident.total++;
                incident.sinceReport++;
                return;
            }
            incident = new Incident(now);
            incident.total = 1;
            open.put(kind, incident);
        }
        LOG.warnf("%s: incident started, a request failed: %s. Further failures are counted, not logged, until none"
                + " for %s", kind.text, detail, seconds(quiet.toNanos()));
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }

    private void tick() {
        long now = System.nanoTime();
        synchronized (open) {
            open.entrySet().removeIf(entry -> {
                Kind kind = entry.getKey();
                Incident incident = entry.getValue();
                if (now - incident.last >= quiet.toNanos()) {
                    LOG.infof("%s: incident ended, %d requests failed over %s, none in the last %s", kind.text,
                            incident.total, seconds(incident.last - incident.began), seconds(now - incident.last));
                    return true;
                }
                if (now - incident.reported >= reportInterval.toNanos() && incident.sinceReport > 0) {
                    LOG.warnf("%s: incident continues, %d requests failed in the last %s, %d since it began %s ago",
                            kind.text, incident.sinceReport, seconds(now - incident.reported), incident.total,
                            seconds(now - incident.began));
                    incident.reported = now;
                    incident.sinceReport = 0;
                }
                return false;
            });
        }
    }
}

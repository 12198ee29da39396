package io.reelgraph.database;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.netty.channel.ConnectTimeoutException;
import io.quarkus.reactive.mysql.client.MySQLPoolCreator;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.MySQLConnection;
import io.vertx.mysqlclient.MySQLPool;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;

/**
 * Creates the reactive MySQL pool (Quarkus hands this bean the options it built from {@code quarkus.datasource.*})
 * and keeps those options, so that {@link #down} can ask the server directly, outside the pool. Each new connection
 * waits on a row lock no longer than a write's commit budget ({@link CommitDeadline#budget}; the server's
 * default is 50 s): a write still waiting then would be rolled back anyway, and meanwhile holds its connection.
 * <p>
 * On a Galera cluster, each connection's reads also wait until their node has applied every write the cluster had
 * committed when the read began ({@code wsrep_sync_wait = 1}, {@code reelgraph.database.causal-reads}): a write's answer
 * is read after its commit on another pooled connection, maybe on another node, and a client's next request may reach
 * another replica; without the wait either could miss the write. Elsewhere the setting does nothing.
 * <p>
 * Quarkus builds the options once, at start-up: a credentials provider that rotates passwords would need its own
 * creator.
 */
@ApplicationScoped
public class DatabasePool implements MySQLPoolCreator {

    private static final Logger LOG = Logger.getLogger(DatabasePool.class);

    private final Duration requestTimeout;

    private final boolean causalReads;

    public DatabasePool(@ConfigProperty(name = "reelgraph.request-timeout") Duration requestTimeout,
            @ConfigProperty(name = "reelgraph.database.causal-reads") boolean causalReads) {
        this.requestTimeout = requestTimeout;
        this.causalReads = causalReads;
    }

    private volatile Vertx vertx;
    private volatile List<MySQLConnectOptions> servers = List.of();

    @Override
    @SuppressWarnings("deprecation") // Quarkus casts the result to MySQLPool, which only this factory still returns
    public Pool create(Input input) {
        vertx = input.vertx();
        servers = List.copyOf(input.mySQLConnectOptionsList());
        MySQLPool pool = MySQLPool.pool(input.vertx(), input.mySQLConnectOptionsList(), input.poolOptions());
        long lockWaitSeconds = Math.max(1, (CommitDeadline.budget(requestTimeout).toMillis() + 999) / 1000);
        // each setting on its own: a server without one (wsrep_sync_wait is Galera's and MariaDB's) keeps the other;
        // with causal reads off the server's own wsrep_sync_wait applies
        pool.connectHandler(connection -> {
            Future<?> lockWait = set(connection, "innodb_lock_wait_timeout = " + lockWaitSeconds);
            Future<?> done = causalReads ? lockWait.transform(ignored -> set(connection, "wsrep_sync_wait = 1")) : lockWait;
            done.onComplete(ignored -> connection.close());
        });
        return pool;
    }

    private static Future<RowSet<Row>> set(SqlConnection connection, String setting) {
        return connection.query("SET SESSION " + setting).execute()
                .onFailure(refused -> LOG.debugf("The server refused SET SESSION %s: %s", setting, refused.getMessage()));
    }

    void verify(@Observes StartupEvent started, io.vertx.mutiny.sqlclient.Pool pool) {
        pool.size(); // makes the pool now, if nothing has yet
        if (servers.isEmpty()) {
            LOG.warn("The reactive pool was not made by DatabasePool: no outage probe and no lock wait limit");
        }
    }

    /**
     * Whether the database is down: every server refuses a connection of its own, or closes it, within
     * {@code timeout}. The pool's queue could delay the answer, and its connections could be the very ones that died.
     * A server that answers at all, even with an error (too many connections, access denied), is up; one that does
     * not answer in time may only be slow, so it is not called down either.
     */
    public Uni<Boolean> down(Duration timeout) {
        if (servers.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return Multi.createFrom().iterable(servers)
                .onItem().transformToUniAndMerge(server -> refuses(server, timeout))
                .collect().asList()
                .map(refusals -> !refusals.contains(false));
    }

    /**
     * Whether the database answers: some server accepts a connection of its own and runs {@code DO 1} on it within
     * {@code timeout}. A statement, unlike a ping, which a Galera node out of the primary component or a proxy answers
     * while statements fail; and {@code DO}, counted as {@code Com_do}, not {@code Com_select}, so that the probe
     * leaves alone the counters the tests count statements with. A server that does not answer in time, or answers
     * with an error (access denied, too many connections, not ready), does not answer. A connection left hanging is
     * closed by its idle timeout.
     */
    public Uni<Boolean> answers(Duration timeout) {
        return Multi.createFrom().iterable(servers)
                .onItem().transformToUniAndMerge(server -> {
                    MySQLConnectOptions probe = new MySQLConnectOptions(server).setConnectTimeout((int) timeout.toMillis());
                    probe.setIdleTimeout((int) timeout.toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
                    return UniHelper.toUni(MySQLConnection.connect(vertx, probe)
                            .compose(connection -> connection.query("DO 1").execute()
                                    .eventually(() -> connection.close())))
                            .replaceWith(true)
                            .ifNoItem().after(timeout).recoverWithItem(false)
                            .onFailure().recoverWithItem(false);
                })
                .collect().asList()
                .map(answers -> answers.contains(true));
    }

    private Uni<Boolean> refuses(MySQLConnectOptions server, Duration timeout) {
        MySQLConnectOptions probe = new MySQLConnectOptions(server).setConnectTimeout((int) timeout.toMillis());
        return UniHelper.toUni(MySQLConnection.connect(vertx, probe).compose(MySQLConnection::close))
                .replaceWith(false)
                .ifNoItem().after(timeout).recoverWithItem(false)
                .onFailure().recoverWithItem(failure -> failure instanceof ClosedConnectionException
                        || failure instanceof ConnectException && !(failure instanceof ConnectTimeoutException));
    }
}

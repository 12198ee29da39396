package io.reelgraph.database;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.reactive.mysql.client.MySQLPoolCreator;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.MySQLConnection;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.mysqlclient.MySQLPool;
import io.vertx.sqlclient.Pool;

/**
 * Creates the reactive MySQL pool (Quarkus hands this bean the options it built from {@code quarkus.datasource.*})
 * and keeps those options, so that {@link #reachable} can ask the server directly, outside the pool. Each new
 * connection waits on a row lock for no longer than {@code reelgraph.request-timeout} (the server's default is 50 s):
 * by then the client has had its answer, and a write still waiting would only hold its connection and locks.
 */
@Singleton
public class DatabasePool implements MySQLPoolCreator {

    @ConfigProperty(name = "reelgraph.request-timeout")
    Duration requestTimeout;

    private volatile Vertx vertx;
    private volatile List<MySQLConnectOptions> servers = List.of();

    @Override
    @SuppressWarnings("deprecation") // Quarkus casts the result to MySQLPool, which only this factory still returns
    public Pool create(Input input) {
        vertx = input.vertx();
        servers = List.copyOf(input.mySQLConnectOptionsList());
        MySQLPool pool = MySQLPool.pool(input.vertx(), input.mySQLConnectOptionsList(), input.poolOptions());
        long lockWaitSeconds = Math.max(1, (requestTimeout.toMillis() + 999) / 1000);
        pool.connectHandler(connection -> connection
                .query("SET SESSION innodb_lock_wait_timeout = " + lockWaitSeconds).execute()
                .onComplete(set -> connection.close())); // a server without the setting keeps its own
        return pool;
    }

    /**
     * Whether a database server answers within {@code timeout}, on a connection of its own: the pool's queue could
     * delay the answer, and its connections could be the very ones that died. A server that answers with an error
     * (too many connections, access denied) is reachable.
     */
    public Uni<Boolean> reachable(Duration timeout) {
        if (servers.isEmpty()) {
            return Uni.createFrom().item(true); // no pool made here: nothing to ask, and no reason to think it down
        }
        return Multi.createFrom().iterable(servers)
                .onItem().transformToUniAndMerge(server -> answers(server, timeout))
                .collect().asList()
                .map(answers -> answers.contains(true));
    }

    private Uni<Boolean> answers(MySQLConnectOptions server, Duration timeout) {
        MySQLConnectOptions probe = new MySQLConnectOptions(server).setConnectTimeout((int) timeout.toMillis());
        return UniHelper.toUni(MySQLConnection.connect(vertx, probe).compose(MySQLConnection::close))
                .replaceWith(true)
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(failure -> failure instanceof MySQLException);
    }
}

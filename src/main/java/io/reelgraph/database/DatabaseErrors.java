package io.reelgraph.database;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.mysqlclient.MySQLBatchException;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Recognises the database failures a client can provoke by racing another client, or that an outage causes.
 * Hibernate Reactive reports server errors as {@link SQLException}s, the reactive client as {@link MySQLException}s;
 * both carry the MariaDB/MySQL error code. A batch ({@code executeBatch}) reports its executions' errors inside one
 * {@link MySQLBatchException}, whose message says nothing: they are looked at as causes too.
 */
public enum DatabaseErrors {

    DUPLICATE_KEY(1062),
    REFERENCED_ROW_MISSING(1452),
    DEADLOCK(1213),
    LOCK_WAIT_TIMEOUT(1205);

    /**
     * A Galera node that is not part of the primary component (cut off from the majority, or joining) refuses every
     * statement with 1047 ("WSREP has not yet prepared node for application use"; elsewhere 1047 is a protocol error,
     * "Unknown command", which stays a 500); a commit the server could not complete is 1180 ("Got error ... during
     * COMMIT"; on Galera "Error while appending streaming replication fragment (provider status: Not connected to
     * Primary Component)", the transaction rolled back): the database, as seen through that connection, is
     * unavailable.
     */
    private static final int UNKNOWN_COMMAND = 1047;
    private static final int ERROR_DURING_COMMIT = 1180;
    /** The server turns new connections away: too many connections (all, or the user's), access denied. */
    private static final Set<Integer> CONNECTION_REFUSED = Set.of(1040, 1045, 1203);

    private final int code;

    DatabaseErrors(int code) {
        this.code = code;
    }

    public boolean causes(Throwable failure) {
        return of(failure).filter(this::equals).isPresent();
    }

    /** The first recognised server error in the cause chain. */
    public static Optional<DatabaseErrors> of(Throwable failure) {
        for (Throwable cause : chain(failure)) {
            for (DatabaseErrors error : values()) {
                if (error.code == code(cause)) {
                    return Optional.of(error);
                }
            }
        }
        return Optional.empty();
    }

    private static int code(Throwable cause) {
        return cause instanceof SQLException sql ? sql.getErrorCode()
                : cause instanceof MySQLException mysql ? mysql.getErrorCode() : 0;
    }

    /** The failure, its causes, and the errors of the executions of any batch among them. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            chain.add(cause);
            if (cause instanceof MySQLBatchException batch) {
                batch.getIterationError().values().forEach(execution -> chain.addAll(chain(execution)));
            }
        }
        return chain;
    }

    /** Whether the failure is an optimistic-locking check: the row changed since it was read. */
    public static boolean isStaleVersion(Throwable failure) {
        for (Throwable cause : chain(failure)) {
            if (cause instanceof StaleStateException || cause instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether no pooled connection became free in time ({@code quarkus.datasource.reactive.mysql.connection-timeout}):
     * the database is up but every connection is busy. Vert.x says so only in words ("Timeout" when a session asks).
     */
    public static boolean isPoolExhausted(Throwable failure) {
        for (Throwable cause : chain(failure)) {
            if (cause instanceof VertxException && "Timeout waiting for connection".equals(cause.getMessage())
                    || cause instanceof NoStackTraceThrowable && "Timeout".equals(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure is the database being unreachable rather than a request's fault. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause : chain(failure)) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || CONNECTION_REFUSED.contains(code(cause)) || code(cause) == ERROR_DURING_COMMIT
                    || code(cause) == UNKNOWN_COMMAND && cause.getMessage() != null && cause.getMessage().contains("WSREP")) {
                return true;
            }
        }
        return isConnectionLost(failure);
    }

    /** Whether the failure is the loss of the connection a statement was sent on, or was to be sent on. */
    public static boolean isConnectionLost(Throwable failure) {
        for (Throwable cause : chain(failure)) {
            // closed while a statement was out; or, which Vert.x says only in words, closed already when the pool
            // handed it out, or when a command was written to its socket (ConnectionBase.CLOSED_EXCEPTION: a
            // connection being opened as the server went)
            if (cause instanceof ClosedConnectionException || cause.getMessage() != null
                    && (cause.getMessage().startsWith("Connection is not active now")
                            || cause.getMessage().equals("Connection was closed"))) {
                return true;
            }
        }
        return false;
    }
}

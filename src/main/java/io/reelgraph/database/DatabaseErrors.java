package io.reelgraph.database;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Recognises the database failures a client can provoke by racing another client, or that an outage causes.
 * Hibernate Reactive reports server errors as {@link SQLException}s, the reactive client as {@link MySQLException}s;
 * both carry the MariaDB/MySQL error code.
 */
public enum DatabaseErrors {

    DUPLICATE_KEY(1062),
    REFERENCED_ROW_MISSING(1452),
    DEADLOCK(1213),
    LOCK_WAIT_TIMEOUT(1205);

    private final int code;

    DatabaseErrors(int code) {
        this.code = code;
    }

    public boolean causes(Throwable failure) {
        return of(failure).filter(this::equals).isPresent();
    }

    /** The first recognised server error in the cause chain. */
    public static Optional<DatabaseErrors> of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            int code = cause instanceof SQLException sql ? sql.getErrorCode()
                    : cause instanceof MySQLException mysql ? mysql.getErrorCode() : 0;
            for (DatabaseErrors error : values()) {
                if (error.code == code) {
                    return Optional.of(error);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the failure is an optimistic-locking check: the row changed since it was read. */
    public static boolean isStaleVersion(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
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
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof VertxException && "Timeout waiting for connection".equals(cause.getMessage())
                    || cause instanceof NoStackTraceThrowable && "Timeout".equals(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure is the database being unreachable rather than a request's fault. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException) {
                return true;
            }
            // the pool hands out a connection the server has just closed; Vert.x says so only in words
            if (cause.getMessage() != null && cause.getMessage().startsWith("Connection is not active now")) {
                return true;
            }
        }
        return false;
    }
}

package io.reelgraph.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vertx.core.VertxException;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.mysqlclient.MySQLBatchException;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.ClosedConnectionException;

/** The server errors recognised, wherever in a failure they are: causes, and the executions of a batch. */
class DatabaseErrorsUnitTest {

    @Test
    void aBatchExecutionsErrorIsRecognised() {
        // an import's featured links are one batch of updates; one that loses the unique key to a concurrent write
        MySQLBatchException batch = new MySQLBatchException();
        batch.reportError(3, new MySQLException("Duplicate entry '7' for key 'uk_author_featured_video'", 1062, "23000"));

        assertEquals(Optional.of(DatabaseErrors.DUPLICATE_KEY), DatabaseErrors.of(new RuntimeException(batch)));
        assertFalse(DatabaseErrors.isUnavailable(batch));
    }

    @Test
    void aGaleraNodeOutsideThePrimaryComponentIsUnavailableNotAConflict() {
        MySQLException notReady = new MySQLException("WSREP has not yet prepared node for application use", 1047,
                "08S01");
        SQLException commitCut = new SQLException("Error while appending streaming replication fragment(provider"
                + " status: Not connected to Primary Component)", "HY000", 1180);

        assertTrue(DatabaseErrors.isUnavailable(new RuntimeException(notReady)));
        assertTrue(DatabaseErrors.isUnavailable(commitCut));
        assertEquals(Optional.empty(), DatabaseErrors.of(notReady));
        // the same code without Galera is a protocol error, not an outage
        assertFalse(DatabaseErrors.isUnavailable(new MySQLException("Unknown command", 1047, "08S01")));
    }

    /** New connections turned away (a rotated password, a full server, an unknown host) are an outage, not a bug. */
    @Test
    void aServerThatTurnsConnectionsAwayIsUnavailable() {
        assertTrue(DatabaseErrors.isUnavailable(new RuntimeException(new MySQLException("Too many connections", 1040,
                "08004"))));
        assertTrue(DatabaseErrors.isUnavailable(new MySQLException("Access denied for user 'app'@'10.0.0.7'", 1045,
                "28000")));
        assertTrue(DatabaseErrors.isUnavailable(new MySQLException("User app already has more than"
                + " 'max_user_connections' active connections", 1203, "42000")));
        assertTrue(DatabaseErrors.isUnavailable(new java.net.UnknownHostException("mariadb: Name or service not known")));
        assertFalse(DatabaseErrors.isUnavailable(new MySQLException("Duplicate entry", 1062, "23000")));
    }

    @Test
    void aLostConnectionIsUnavailableAndARefusedOneIsNotLost() {
        // Hibernate Reactive wraps the client's failure
        RuntimeException lost = new RuntimeException(ClosedConnectionException.INSTANCE);
        ConnectException refused = new ConnectException("Connection refused");

        assertTrue(DatabaseErrors.isConnectionLost(lost));
        assertTrue(DatabaseErrors.isUnavailable(lost));
        assertTrue(DatabaseErrors.isConnectionLost(new VertxException("Connection is not active now, current status: CLOSED")));
        assertTrue(DatabaseErrors.isConnectionLost(ConnectionBase.CLOSED_EXCEPTION));
        assertTrue(DatabaseErrors.isUnavailable(refused));
        assertFalse(DatabaseErrors.isConnectionLost(refused), "nothing was sent: no transaction to give up on");
    }

    @Test
    void aLostCertificationIsADeadlock() {
        MySQLException certification = new MySQLException(
                "Deadlock found when trying to get lock; try restarting transaction", 1213, "40001");

        assertTrue(DatabaseErrors.DEADLOCK.causes(new RuntimeException(certification)));
        assertFalse(DatabaseErrors.isUnavailable(certification));
    }
}

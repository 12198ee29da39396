package io.reelgraph.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Database;

/** What {@link DatabasePool} sets on each connection it opens, read back from the server. */
@QuarkusTest
class ConnectionSettingsTest {

    @Inject
    Database db;

    @Test
    void everyConnectionWaitsForRowLocksNoLongerThanACommitBudgetAndReadsCausally() {
        Map<String, Object> settings = db.row(
                "SELECT @@SESSION.innodb_lock_wait_timeout lock_wait, @@SESSION.wsrep_sync_wait sync_wait");

        // 80% of the 10 s request timeout (the server's default would be 50 s)
        assertEquals(8L, ((Number) settings.get("lock_wait")).longValue(), settings.toString());
        // on a Galera cluster, a read waits for the writes the cluster committed before it (no effect here)
        assertEquals(1L, ((Number) settings.get("sync_wait")).longValue(), settings.toString());
    }
}

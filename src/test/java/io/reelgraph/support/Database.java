package io.reelgraph.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the real tables through the service's reactive pool, to check what the API wrote. */
@ApplicationScoped
public class Database {

    @Inject
    Pool pool;

    public List<Map<String, Object>> rows(String sql, Object... args) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row row : pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely()) {
            Map<String, Object> columns = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                columns.put(row.getColumnName(i), row.getValue(i));
            }
            rows.add(columns);
        }
        return rows;
    }

    /** Runs a statement that writes (test data in bulk), and returns the rows it changed. */
    public int update(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().rowCount();
    }

    /** Locks a row ({@code SELECT ... FOR UPDATE} in an open transaction) until the returned handle is closed. */
    public AutoCloseable lockRow(String table, long id) {
        return hold("COMMIT", "BEGIN", "SELECT id FROM " + table + " WHERE id = " + id + " FOR UPDATE");
    }

    /** Locks a whole table against reads and writes until the returned handle is closed. */
    public AutoCloseable lockTable(String table) {
        return hold("UNLOCK TABLES", "LOCK TABLES " + table + " WRITE");
    }

    /** Until exactly {@code statements} statements wait on a table lock: requests parked there are in flight. */
    public void awaitLockWaits(int statements) throws InterruptedException {
        awaitLockWaits(pool, statements);
    }

    /** The same, counted through {@code client}: a connection set aside when the pool itself is to be filled. */
    public static void awaitLockWaits(SqlClient client, int statements) throws InterruptedException {
        long started = System.nanoTime();
        while (client.query("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                + " WHERE STATE = 'Waiting for table metadata lock'").execute().await().indefinitely()
                .iterator().next().getLong(0) != statements) {
            if (System.nanoTime() - started > 10_000_000_000L) {
                throw new AssertionError("not " + statements + " statements waiting on a lock after 10 s");
            }
            Thread.sleep(50);
        }
    }

    /** Runs {@code locks} on a connection of its own, which keeps them until {@code release} runs on close. */
    private AutoCloseable hold(String release, String... locks) {
        SqlConnection connection = pool.getConnection().await().indefinitely();
        for (String lock : locks) {
            connection.query(lock).execute().await().indefinitely();
        }
        return () -> connection.query(release).execute().eventually(connection::close).await().indefinitely();
    }

    public Map<String, Object> row(String sql, Object... args) {
        List<Map<String, Object>> rows = rows(sql, args);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows + " for " + sql);
        }
        return rows.get(0);
    }

    public long count(String sql, Object... args) {
        return ((Number) row(sql, args).values().iterator().next()).longValue();
    }

    /** A fingerprint of the rows of all three tables: equal before and after means nothing was written. */
    public String fingerprint() {
        return pool.query("CHECKSUM TABLE author, video, video_author EXTENDED").execute().await().indefinitely()
                .stream().map(row -> row.getString(0) + "=" + row.getValue(1)).toList().toString()
                + rows("SELECT (SELECT COUNT(*) FROM author) a, (SELECT COUNT(*) FROM video) v,"
                        + " (SELECT COUNT(*) FROM video_author) c");
    }

    /** Runs a request that must be rejected, and asserts it left every row as it was. */
    public void assertUnchangedBy(Runnable rejectedRequest) {
        String before = fingerprint();
        rejectedRequest.run();
        String after = fingerprint();
        if (!before.equals(after)) {
            throw new AssertionError("a rejected request changed rows: " + before + " -> " + after);
        }
    }

    /** Statements of any kind the server has executed so far, from its global counters. */
    public long statementsExecuted() {
        return pool.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_select', 'Com_insert', 'Com_update',"
                + " 'Com_delete')").execute().await().indefinitely()
                .stream().mapToLong(row -> Long.parseLong(row.getString(1))).sum();
    }

    /**
     * The statements (selects, inserts, updates, deletes) the server executed for a {@code GET} of {@code path}, which
     * must answer {@code status}; the {@code SHOW STATUS} of the measurement itself is none of these.
     */
    public long statementsFor(String path, int status) {
        return statementsDuring(() -> Api.get(path).statusCode(status));
    }

    /** The statements (selects, inserts, updates, deletes) the server executed while {@code requests} ran. */
    public long statementsDuring(Runnable requests) {
        long before = statementsExecuted();
        requests.run();
        return statementsExecuted() - before;
    }
}

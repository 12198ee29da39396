package io.reelgraph.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the real tables over JDBC, for tests whose application runs in a process of its own (a packaged app), where
 * the service's pool ({@link Database}) is out of reach.
 */
public final class Jdbc {

    private final String url;

    /** @param config the application's configuration, of which the JDBC URL is used */
    public Jdbc(Map<String, String> config) {
        this.url = config.get("quarkus.datasource.jdbc.url");
    }

    public List<Map<String, Object>> rows(String sql, Object... args) throws SQLException {
        try (Connection db = connect(); PreparedStatement select = prepare(db, sql, args)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> columns = new LinkedHashMap<>();
                    for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                        columns.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
                    }
                    rows.add(columns);
                }
            }
            return rows;
        }
    }

    /** The first column of the first row as a number: a count, an id. */
    public long number(String sql, Object... args) throws SQLException {
        try (Connection db = connect();
                PreparedStatement select = prepare(db, sql, args);
                ResultSet result = select.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Runs a statement that writes (test data in bulk). */
    public void execute(String sql, Object... args) throws SQLException {
        try (Connection db = connect(); PreparedStatement statement = prepare(db, sql, args)) {
            statement.execute();
        }
    }

    /**
     * Locks a row ({@code SELECT ... FOR UPDATE} in a transaction of its own) until the returned handle is first
     * closed.
     */
    public AutoCloseable lockRow(String table, long id) throws SQLException {
        Connection db = connect();
        db.setAutoCommit(false);
        try (PreparedStatement lock = prepare(db, "SELECT id FROM " + table + " WHERE id = ? FOR UPDATE", id)) {
            lock.executeQuery().close();
        }
        return () -> {
            if (!db.isClosed()) {
                db.rollback();
                db.close();
            }
        };
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "root", "");
    }

    private static PreparedStatement prepare(Connection db, String sql, Object... args) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }
}

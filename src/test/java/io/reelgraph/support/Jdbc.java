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
        try (Connection db = DriverManager.getConnection(url, "root", "");
                PreparedStatement select = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                select.setObject(i + 1, args[i]);
            }
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
}

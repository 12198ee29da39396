import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs SQL statements on one connection, for bench/run.sh's bulk data (a hub of a million links, ten million videos):
 * statements that take minutes, which an HTTP route of the service would time out on. A single-file program,
 * launched as {@code java -cp <MariaDB JDBC driver> bench/Sql.java <jdbc-url> <user> <password> <statement>...};
 * the rows of a query are printed one a line, columns separated by tabs; {@code @file} stands for the statement in that
 * file (one longer than the 128 kB an argument may have). Stops at the first failing statement.
 */
public final class Sql {

    public static void main(String[] args) throws SQLException, IOException {
        if (args.length < 4) {
            System.err.println("usage: Sql <jdbc-url> <user> <password> <statement>...");
            System.exit(2);
        }
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
                Statement statement = connection.createStatement()) {
            for (int i = 3; i < args.length; i++) {
                String sql = args[i].startsWith("@") ? Files.readString(Path.of(args[i].substring(1))) : args[i];
                if (statement.execute(sql)) {
                    try (ResultSet rows = statement.getResultSet()) {
                        int columns = rows.getMetaData().getColumnCount();
                        while (rows.next()) {
                            StringBuilder line = new StringBuilder();
                            for (int column = 1; column <= columns; column++) {
                                line.append(column > 1 ? "\t" : "").append(rows.getString(column));
                            }
                            System.out.println(line);
                        }
                    }
                }
            }
        }
    }
}

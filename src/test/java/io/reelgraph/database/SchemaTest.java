package io.reelgraph.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Database;

/** The migrated schema is exactly the one the relationships are defined by (Hibernate validates the mapping). */
@QuarkusTest
class SchemaTest {

    @Inject
    Database db;

    @Test
    void columns() {
        assertEquals(List.of(
                column("author", "id", "bigint", "NO", "PRI"),
                column("author", "name", "varchar(100)", "NO", "MUL"),
                column("author", "featured_video_id", "bigint", "YES", "UNI"),
                column("author", "version", "bigint", "NO", ""),
                column("video", "id", "bigint", "NO", "PRI"),
                column("video", "code", "varchar(10)", "NO", "MUL"),
                column("video", "img", "varchar(100)", "YES", ""),
                column("video", "score", "float", "YES", "MUL"),
                column("video", "author_id", "bigint", "YES", "MUL"),
                column("video", "version", "bigint", "NO", ""),
                column("video_author", "author_id", "bigint", "NO", "PRI"),
                column("video_author", "video_id", "bigint", "NO", "PRI"),
                column("video_author", "extra_data", "varchar(50)", "YES", "")),
                db.rows("SELECT table_name, column_name,"
                        + " IF(data_type = 'bigint', 'bigint', column_type) AS column_type, is_nullable, column_key"
                        + " FROM information_schema.columns WHERE table_schema = DATABASE()"
                        + " AND table_name IN ('author', 'video', 'video_author')"
                        + " ORDER BY FIELD(table_name, 'author', 'video', 'video_author'), ordinal_position"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                + " AND extra = 'auto_increment' AND column_name = 'id' AND table_name IN ('author', 'video')"));
    }

    /** Each sortable field of a list leads an index, and follows author_id (the one equality filter) in another. */
    @Test
    void everySortableFieldHasAnIndex() {
        List<String> indexes = db.rows("SELECT table_name, index_name, GROUP_CONCAT(column_name ORDER BY seq_in_index)"
                + " AS columns FROM information_schema.statistics WHERE table_schema = DATABASE()"
                + " GROUP BY table_name, index_name").stream()
                .map(row -> row.get("table_name") + "(" + row.get("columns") + ")").toList();
        for (String index : List.of("author(name)", "video(code)", "video(score)", "video(author_id,code)",
                "video(author_id,score)", "video(author_id,id)", "video_author(author_id,video_id)",
                "video_author(video_id,author_id)")) {
            assertTrue(indexes.contains(index), index + " in " + indexes);
        }
    }

    @Test
    void foreignKeysAndWhatDeletesDo() {
        assertEquals(List.of(
                foreignKey("author", "featured_video_id", "video", "SET NULL"),
                foreignKey("video", "author_id", "author", "SET NULL"),
                foreignKey("video_author", "author_id", "author", "CASCADE"),
                foreignKey("video_author", "video_id", "video", "CASCADE")),
                db.rows("SELECT k.table_name, k.column_name, k.referenced_table_name, r.delete_rule"
                        + " FROM information_schema.key_column_usage k"
                        + " JOIN information_schema.referential_constraints r"
                        + " ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name"
                        + " WHERE k.table_schema = DATABASE() ORDER BY k.table_name, k.column_name"));
    }

    @Test
    void primaryKeyOfTheAssociationIsBothEnds() {
        assertEquals(List.of(Map.of("column_name", "author_id"), Map.of("column_name", "video_id")),
                db.rows("SELECT column_name FROM information_schema.key_column_usage WHERE table_schema = DATABASE()"
                        + " AND table_name = 'video_author' AND constraint_name = 'PRIMARY' ORDER BY ordinal_position"));
    }

    @Test
    void everyForeignKeyIsIndexedAndTablesAreUtf8mb4() {
        for (String[] fk : new String[][] { { "author", "featured_video_id" }, { "video", "author_id" },
                { "video_author", "author_id" }, { "video_author", "video_id" } }) {
            assertEquals(1, db.count("SELECT COUNT(*) > 0 FROM information_schema.statistics WHERE table_schema ="
                    + " DATABASE() AND table_name = ? AND column_name = ? AND seq_in_index = 1", fk[0], fk[1]),
                    "index leading with " + fk[0] + "." + fk[1]);
        }
        assertEquals(0, db.count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND table_name IN ('author', 'video', 'video_author') AND table_collation NOT LIKE 'utf8mb4%'"));
    }

    private static Map<String, Object> column(String table, String name, String type, String nullable, String key) {
        return Map.of("table_name", table, "column_name", name, "column_type", type, "is_nullable", nullable,
                "column_key", key);
    }

    private static Map<String, Object> foreignKey(String table, String column, String referenced, String onDelete) {
        return Map.of("table_name", table, "column_name", column, "referenced_table_name", referenced,
                "delete_rule", onDelete);
    }
}

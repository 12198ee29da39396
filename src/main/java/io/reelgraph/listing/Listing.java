package io.reelgraph.listing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.reelgraph.error.ApiException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A list read through an index, a page at a time, in SQL on the reactive client: the cost of a page is its own rows,
 * never the table's or a parent's size.
 * <p>
 * Every list sorts by one field, ties broken by the key in the same direction, and each sortable field has an index
 * (alone, and after the list's equality filter), so a page is read in order and stops after its rows. A walk goes by
 * keyset ({@code next}: after the last row given out); page numbers reach the first {@link #WINDOW} rows. Totals are
 * counted up to {@link #WINDOW} + 1 rows of the index: exact below, "at least {@value #WINDOW}" above.
 * <p>
 * A range filter (a prefix, a minimum) is served by its column's index, so its list is read in that column's order.
 * Any other combination (another sort, a second range filter) reads the rows its range matches and sorts or filters
 * them: allowed when they are at most {@link #WINDOW}, else a 400 that says what to change.
 */
public final class Listing {

    /** The rows page numbers reach, and the rows a count goes up to. */
    public static final int WINDOW = 10_000;
    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;
    /**
     * Rows per chunk of a stream of views that embed no others. Under MariaDB's {@code in_predicate_conversion_threshold}
     * (1,000): a longer {@code IN} list of a filtered chunk's ids becomes a subquery, with which a join over the credits
     * was planned as a scan of their whole index (0.5 s instead of 1-3 ms, measured on a million credits).
     */
    public static final int STREAM_CHUNK = 500;
    /** Where the columns a read asks for begin in each of its rows: after the key and the sort column. */
    public static final int COLUMNS_FROM = 2;

    /**
     * How a list reads its table.
     *
     * @param from the table and its alias, which every filter's column names, e.g. {@code video v}
     * @param join joins that the page's columns need, or empty
     * @param key the unique column that breaks ties, e.g. {@code v.id}
     * @param sortable API field name to column; each needs an index (see the migrations)
     * @param indexes the index that serves an equality filter's column and a sort field ({@code v.author_id id}):
     *        named in the statement, since for a value with many rows of high keys the server would rather walk
     *        the primary key in order, reading the whole table
     */
    public record Table(String from, String join, String key, Map<String, Column> sortable,
            Map<String, String> indexes) {

        /** The alias of {@link #from()}, which names a derived table of its rows too. */
        String alias() {
            return from.substring(from.lastIndexOf(' ') + 1);
        }

        /** The same list with {@code tables} as its join (replacing {@link #join()}), for the columns its pages read. */
        public Table joining(String tables) {
            return new Table(from, tables, key, sortable, indexes);
        }
    }

    /** A sortable column and the Java type of its values, which a cursor's value must have. */
    public record Column(String sql, Class<?> type, boolean nullable) {

        public static Column id(String sql) {
            return new Column(sql, Long.class, false);
        }

        public static Column text(String sql) {
            return new Column(sql, String.class, false);
        }

        public static Column nullableFloat(String sql) {
            return new Column(sql, Float.class, true);
        }
    }

    /** A condition on a column of the table; a range condition is served by that column's index. */
    public record Filter(String parameter, String column, String sql, Object value, boolean range) {

        public static Filter equal(String parameter, String column, Object value) {
            return value == null ? null : new Filter(parameter, column, column + " = ?", value, false);
        }

        /** Values that start with {@code prefix}, as the column's collation compares (case-insensitive here). */
        public static Filter startsWith(String parameter, String column, String prefix) {
            return prefix == null || prefix.isEmpty() ? null
                    : new Filter(parameter, column, column + " LIKE ? ESCAPE '!'",
                            prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%", true);
        }

        public static Filter atLeast(String parameter, String column, Object value) {
            return value == null ? null : new Filter(parameter, column, column + " >= ?", value, true);
        }
    }

    /** A page's rows, and whether others follow. */
    private record Page(List<Row> rows, boolean more) {
    }

    private final Table table;
    private final String sort;
    private final String sortField;
    private final Column sortColumnType;
    private final String sortColumn;
    private final boolean descending;
    private final Filter range;
    private final List<Filter> equalities;
    private final List<Filter> residual;

    private Listing(Table table, String sort, List<Filter> filters) {
        this.table = table;
        List<Filter> ranges = filters.stream().filter(Filter::range).toList();
        this.range = ranges.isEmpty() ? null : ranges.get(0);
        this.equalities = filters.stream().filter(filter -> !filter.range()).toList();
        this.residual = ranges.stream().skip(1).toList();
        String requested = sort == null || sort.isBlank() ? defaultSort() : sort.strip();
        if (requested.contains(",")) {
            throw ApiException.invalid("sort", "sort by one field; ties are broken by id, in the same direction");
        }
        this.descending = requested.startsWith("-");
        this.sortField = descending ? requested.substring(1) : requested;
        this.sortColumnType = table.sortable().get(sortField);
        this.sortColumn = sortColumnType == null ? null : sortColumnType.sql();
        if (sortColumn == null) {
            throw ApiException.invalid("sort", "cannot sort by '" + requested + "'; sortable fields: "
                    + String.join(", ", table.sortable().keySet().stream().sorted().toList())
                    + " (prefix with - for descending)");
        }
        this.sort = requested;
    }

    /** A list of {@code table}'s rows that pass every non-null filter, in the order of {@code sort}. */
    public static Listing of(Table table, String sort, Filter... filters) {
        return new Listing(table, sort, Stream.of(filters).filter(Objects::nonNull).toList());
    }

    /** With a range filter, its column's order, which its index serves; else the key's. */
    private String defaultSort() {
        String column = range != null && table.sortable().values().stream()
                .anyMatch(sortable -> sortable.sql().equals(range.column())) ? range.column() : table.key();
        return table.sortable().entrySet().stream().filter(field -> field.getValue().sql().equals(column))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** Rows per chunk of a stream: views that embed others are read a page's size at a time. */
    public static int streamChunk(boolean expanded) {
        return expanded ? MAX_SIZE : STREAM_CHUNK;
    }

    /** The keys of a page's rows, for lists whose items are read by key. */
    public static List<Long> keys(List<Row> rows) {
        return rows.stream().map(row -> row.getLong(0)).toList();
    }

    /** Items made from each row alone (its extra columns from {@link #COLUMNS_FROM}). */
    public static <V> Function<List<Row>, Uni<List<V>>> each(Function<Row, V> item) {
        return rows -> Uni.createFrom().item(rows.stream().map(item).toList());
    }

    /** The cursor of a walk in key order after {@code key}: how a view links to the rest of a list it embeds. */
    public static String cursorAfterKey(String keyField, long key) {
        return new Cursor(keyField, null, key).encode();
    }

    /**
     * Whether each page or chunk of this list holds every row of its table between its first and last key (no filter,
     * in key order): what belongs to those rows can then be read by that range instead of by each key.
     */
    public boolean coversKeyRanges() {
        return equalities.isEmpty() && range == null && sortColumn.equals(table.key());
    }

    /** Whether an index gives this list's rows in order and every row it reads belongs to the list. */
    private boolean served() {
        return residual.isEmpty() && (range == null || range.column().equals(sortColumn));
    }

    /**
     * One page: its items, the total (exact up to {@link #WINDOW}), and a {@code next} link while rows remain.
     *
     * @param columns what the page reads besides the key and the sort column (which come first, at index 0 and 1),
     *        e.g. {@code v.code, v.img}
     * @param items the page's items from its rows (the extra columns from {@link #COLUMNS_FROM})
     * @param link the URL of this list with the given cursor
     */
    public <V> Uni<PageView<V>> page(SqlClient client, PageParams params, String columns,
            Function<List<Row>, Uni<List<V>>> items, Function<String, String> link) {
        Cursor after = params.cursor() == null ? null : cursor(params.cursor());
        if (params.page() != null) {
            if (after != null) {
                throw ApiException.invalid("page", "a cursor already says where the page starts; send one or the other");
            }
            if ((long) params.page() * params.size() + params.size() > WINDOW) {
                throw ApiException.invalid("page", "page numbers reach the first " + WINDOW + " rows; follow the next"
                        + " link of a page (a cursor) to go further");
            }
        }
        int skip = params.pageOrFirst() * params.size();
        return count(client).chain(total -> read(client, after, skip, params.size(), columns)
                .chain(page -> (page.rows().isEmpty() ? Uni.createFrom().item(List.<V> of()) : items.apply(page.rows()))
                        .map(list -> new PageView<>(list, after == null ? params.pageOrFirst() : null, params.size(),
                                Math.min(total, WINDOW), total <= WINDOW, (int) ((Math.min(total, WINDOW)
                                        + params.size() - 1) / params.size()),
                                page.more() ? link.apply(after(page.rows()).encode()) : null))));
    }

    /**
     * Every row of the list, in chunks of {@code chunk} rows read by keyset as the subscriber asks for them: a slow
     * client holds back the reads instead of making the server buffer the table.
     */
    public <V> Multi<List<V>> stream(SqlClient client, int chunk, String columns,
            Function<List<Row>, Uni<List<V>>> items) {
        Cursor[] after = { null };
        return (served() ? Uni.createFrom().voidItem() : count(client).replaceWithVoid())
                .onItem().transformToMulti(ignored -> Multi.createBy().repeating()
                        .uni(() -> read(client, after[0], 0, chunk, columns).chain(page -> {
                            if (page.rows().isEmpty()) {
                                return Uni.createFrom().item(new Chunk<V>(List.of(), true));
                            }
                            after[0] = after(page.rows());
                            return items.apply(page.rows()).map(list -> new Chunk<>(list, !page.more()));
                        }))
                        .whilst(read -> !read.done()))
                .map(Chunk::items);
    }

    private record Chunk<V>(List<V> items, boolean done) {
    }

    /**
     * How many rows the list has, counted up to {@link #WINDOW} + 1 through the index: one row more than that when
     * there are more. A list its index does not serve is refused here when its range matches more.
     */
    private Uni<Long> count(SqlClient client) {
        String matches = residual.isEmpty() ? "1"
                : residual.stream().map(Filter::sql)
                        .collect(Collectors.joining(" AND ", "(", ")"));
        String sql = "SELECT COUNT(*), SUM(m) FROM (SELECT " + matches + " AS m FROM " + table.from()
                + where(indexed(), null) + inRangeOrder() + " LIMIT " + (WINDOW + 1) + ") t";
        List<Object> args = new ArrayList<>();
        residual.forEach(filter -> args.add(filter.value()));
        indexed().forEach(filter -> args.add(filter.value()));
        return client.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> {
            Row row = rows.iterator().next();
            long candidates = row.getLong(0);
            if (served()) {
                return candidates;
            }
            if (candidates > WINDOW) {
                throw refusal();
            }
            BigDecimal matching = row.getBigDecimal(1);
            return matching == null ? 0L : matching.longValue();
        });
    }

    private ApiException refusal() {
        if (!residual.isEmpty()) {
            return ApiException.invalid(residual.get(0).parameter(), "combines with '" + range.parameter()
                    + "' only when at most " + WINDOW + " rows match '" + range.parameter() + "': narrow it, or leave"
                    + " this filter out");
        }
        String order = defaultSort();
        return ApiException.invalid("sort", "more than " + WINDOW + " rows match '" + range.parameter() + "', which are"
                + " listed in " + order + " order only: sort by " + order + " or -" + order + ", or narrow the filter");
    }

    /** The filters an index serves: the equalities and the first range. */
    private List<Filter> indexed() {
        return range == null ? equalities : Stream.concat(equalities.stream(), Stream.of(range)).toList();
    }

    /** {@code FORCE INDEX (…)} for the list's equality filter and sort, where the table names one. */
    private String forcedIndex() {
        String index = equalities.isEmpty() || !served() ? null
                : table.indexes().get(equalities.get(0).column() + " " + sortField);
        return index == null ? "" : " FORCE INDEX (" + index + ")";
    }

    /** Reading a range in its column's order makes the server read it through that column's index. */
    private String inRangeOrder() {
        return range == null ? "" : " ORDER BY " + range.column();
    }

    /**
     * The page's rows, one more than asked for to know whether others follow. A list its index does not serve (which
     * {@link #count} allowed: its range holds at most {@link #WINDOW} rows) is read from those rows alone, taken
     * through the range's index, so that the server cannot walk another index in the list's order instead.
     */
    private Uni<Page> read(SqlClient client, Cursor after, int offset, int size, String columns) {
        List<Object> args = new ArrayList<>();
        String source = table.from() + forcedIndex();
        List<Filter> rest = indexed();
        if (!served()) {
            source = "(SELECT * FROM " + table.from() + where(indexed(), null) + inRangeOrder() + " LIMIT "
                    + (WINDOW + 1) + ") " + table.alias();
            indexed().forEach(filter -> args.add(filter.value()));
            rest = List.of();
        }
        List<Filter> outer = Stream.concat(rest.stream(), residual.stream()).toList();
        outer.forEach(filter -> args.add(filter.value()));
        String direction = descending ? " DESC" : "";
        String order = " ORDER BY " + (sortColumn.equals(table.key()) ? "" : sortColumn + direction + ", ")
                + table.key() + direction;
        String page = where(outer, after == null ? null : keyset(after, args)) + order + " LIMIT " + (size + 1)
                + (offset > 0 ? " OFFSET " + offset : "");
        String select = "SELECT " + table.key() + ", " + sortColumn + (columns.isEmpty() ? "" : ", " + columns);
        // a page of a joined list is limited on its own table first: with the join in the same SELECT the server may
        // plan from the joined table and sort the whole list
        String sql = table.join().isEmpty() ? select + " FROM " + source + page
                : select + " FROM (SELECT * FROM " + source + page + ") " + table.alias() + " " + table.join() + order;
        return client.preparedQuery(sql).execute(Tuple.from(args)).map(rowSet -> {
            List<Row> rows = new ArrayList<>(size + 1);
            rowSet.forEach(rows::add);
            boolean more = rows.size() > size;
            return new Page(more ? rows.subList(0, size) : rows, more);
        });
    }

    private static String where(List<Filter> filters, String keyset) {
        List<String> conditions = new ArrayList<>(filters.stream().map(Filter::sql).toList());
        if (keyset != null) {
            conditions.add(keyset);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /**
     * The rows after {@code after} in this list's order, its arguments appended to {@code args}. MariaDB and MySQL
     * sort NULL first ascending and last descending; each disjunct is a range of the sort column's index.
     */
    private String keyset(Cursor after, List<Object> args) {
        String key = table.key();
        String beyond = descending ? " < ?" : " > ?";
        if (sortColumn.equals(key)) {
            args.add(after.key());
            return key + beyond;
        }
        String column = sortColumn;
        if (after.value() == null) {
            args.add(after.key());
            return descending ? "(" + column + " IS NULL AND " + key + " < ?)"
                    : "(" + column + " IS NOT NULL OR " + key + " > ?)";
        }
        args.add(after.value());
        args.add(after.value());
        args.add(after.key());
        return "(" + column + beyond + " OR (" + column + " = ? AND " + key + beyond + ")"
                + (descending ? " OR " + column + " IS NULL)" : ")");
    }

    private Cursor cursor(String text) {
        Cursor cursor = Cursor.decode(text);
        if (!cursor.sort().equals(sort)) {
            throw ApiException.invalid("cursor", "belongs to sort=" + cursor.sort() + ", not sort=" + sort
                    + ": keep the sort of the page that gave it out");
        }
        Object value = cursor.value();
        boolean fits = sortColumn.equals(table.key()) ? value == null
                : value == null ? sortColumnType.nullable()
                        : sortColumnType.type().isInstance(value)
                                && !(value instanceof Float number && !Float.isFinite(number));
        if (!fits) {
            throw ApiException.invalid("cursor", "is not a cursor this list gave out: follow the next link as it is");
        }
        return cursor;
    }

    /** Where a walk stands after {@code rows}. */
    private Cursor after(List<Row> rows) {
        Row last = rows.get(rows.size() - 1);
        return new Cursor(sort, sortColumn.equals(table.key()) ? null : last.getValue(1), last.getLong(0));
    }
}

package io.reelgraph.listing;

import java.util.List;
import java.util.function.Function;

import io.reelgraph.common.Lookups;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * A list below one row, such as an author's uploads or a video's credits: a 404 when that row does not exist, else a
 * {@link Listing} of the rows whose {@code parentColumn} is its id.
 *
 * @param parent the table of the row the list belongs to ({@code author})
 * @param columns what each item reads besides the key and the sort column, in {@code item}'s order from index 2
 */
public record SubCollection<V>(String parent, Listing.Table table, String parentColumn, String columns,
        Function<Row, V> item) {

    public Uni<PageView<V>> page(SqlClient client, Long parentId, PageParams params) {
        return Lookups.requireRow(client, parent, parentId).chain(() -> listing(parentId, params.sort())
                .page(client, params, columns, Listing.each(item), params::link));
    }

    /** Every item, in chunks read as the client reads. */
    public Multi<List<V>> stream(SqlClient client, Long parentId, String sort) {
        return Lookups.requireRow(client, parent, parentId).onItem().transformToMulti(ignored -> listing(parentId, sort)
                .stream(client, Listing.streamChunk(false), columns, Listing.each(item)));
    }

    private Listing listing(Long parentId, String sort) {
        return Listing.of(table, sort, Listing.Filter.equal(parent + "Id", parentColumn, parentId));
    }
}

package io.reelgraph.common;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Pages a list in a fixed number of statements: count, then the page's ids in order, in a Hibernate Reactive session,
 * then the views of those ids (read with {@link io.reelgraph.graph.Expander}). Never a fetch join with a row limit,
 * which Hibernate would page in memory. The session is closed before the views are read: they take connections of
 * their own from the same pool, and a read holding one while waiting for another could starve it.
 */
public final class Paging {

    /** Rows per chunk of a stream: one chunk's views are all that a stream holds in memory at a time. */
    public static final int STREAM_CHUNK = 500;

    /** The ids of a page, and how many rows match. */
    private record Ids(long total, List<Long> ids) {
    }

    /** One chunk of a stream; {@code last} when the ids ran out. */
    private record Chunk<V>(List<V> items, boolean last) {
    }

    private Paging() {
    }

    /**
     * @param from the entity and its alias, for example {@code Author a}
     * @param where an HQL condition on that alias, or empty
     */
    public static <V> Uni<PageView<V>> page(String from, String idPath, String where, Map<String, Object> params,
            PageQuery query, Function<List<Long>, Uni<List<V>>> fetch) {
        String filter = where.isEmpty() ? "" : " where " + where;
        return Panache.withSession(() -> Panache.getSession().chain(session -> {
            var count = session.createSelectionQuery("select count(*) from " + from + filter, Long.class);
            params.forEach(count::setParameter);
            return count.getSingleResult().chain(total -> {
                if (total <= query.firstResult()) {
                    return Uni.createFrom().item(new Ids(total, List.of()));
                }
                var ids = session.createSelectionQuery(
                        "select " + idPath + " from " + from + filter + " order by " + query.orderBy(), Long.class);
                params.forEach(ids::setParameter);
                return ids.setFirstResult(query.firstResult()).setMaxResults(query.size()).getResultList()
                        .map(pageIds -> new Ids(total, pageIds));
            });
        })).chain(page -> (page.ids().isEmpty() ? Uni.createFrom().item(List.<V> of()) : fetch.apply(page.ids()))
                .map(items -> PageView.of(items, query, page.total())));
    }

    /**
     * Rows per chunk of a stream of {@code expanded} views: held to a page's size when they embed other objects, so
     * that the expansion limit lets a stream through where it lets a page of the list through.
     */
    public static int streamChunk(boolean expanded) {
        return expanded ? PageQuery.MAX_SIZE : STREAM_CHUNK;
    }

    /**
     * Every row matching {@code where}, in id order, as chunks of views read in keyset chunks of {@code chunk} ids
     * ({@code id > last id of the chunk before}). A chunk is read only when the subscriber has asked for more: a slow
     * client holds back the reads instead of making the server buffer the table.
     */
    public static <V> Multi<List<V>> stream(String from, String idPath, String where, Map<String, Object> params,
            int chunk, Function<List<Long>, Uni<List<V>>> fetch) {
        String filter = " where " + (where.isEmpty() ? "" : where + " and ") + idPath + " > :after";
        String select = "select " + idPath + " from " + from + filter + " order by " + idPath;
        // the next chunk is asked for by the write of the last one completing, outside the request's Vert.x context:
        // each chunk's session is opened back on that context
        Context request = Vertx.currentContext();
        Executor onRequestContext = task -> request.runOnContext(ignored -> task.run());
        return Multi.createBy().repeating()
                .uni(AtomicLong::new, after -> Panache.withSession(() -> Panache.getSession().chain(session -> {
                    var ids = session.createSelectionQuery(select, Long.class).setParameter("after", after.get());
                    params.forEach(ids::setParameter);
                    return ids.setMaxResults(chunk).getResultList();
                })).chain(ids -> {
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(new Chunk<V>(List.of(), true));
                    }
                    after.set(ids.get(ids.size() - 1));
                    return fetch.apply(ids).map(items -> new Chunk<>(items, false));
                }).runSubscriptionOn(onRequestContext))
                .until(Chunk::last)
                .map(Chunk::items);
    }
}

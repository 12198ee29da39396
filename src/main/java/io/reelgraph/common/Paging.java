package io.reelgraph.common;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Pages a list in a fixed number of statements: count, then the page's ids in order, then the views of those
 * ids with their fetch plan. Never a fetch join with a row limit, which Hibernate would page in memory.
 */
public final class Paging {

    private Paging() {
    }

    /**
     * @param from the entity and its alias, for example {@code Author a}
     * @param where an HQL condition on that alias, or empty
     */
    public static <V> Uni<PageView<V>> page(String from, String idPath, String where, Map<String, Object> params,
            PageQuery query, Function<List<Long>, Uni<List<V>>> fetch) {
        String filter = where.isEmpty() ? "" : " where " + where;
        return Panache.getSession().chain(session -> {
            var count = session.createSelectionQuery("select count(*) from " + from + filter, Long.class);
            params.forEach(count::setParameter);
            return count.getSingleResult().chain(total -> {
                if (total <= query.firstResult()) {
                    return Uni.createFrom().item(PageView.<V> of(List.of(), query, total));
                }
                var ids = session.createSelectionQuery(
                        "select " + idPath + " from " + from + filter + " order by " + query.orderBy(), Long.class);
                params.forEach(ids::setParameter);
                return ids.setFirstResult(query.firstResult()).setMaxResults(query.size()).getResultList()
                        .chain(pageIds -> fetch.apply(pageIds))
                        .map(items -> PageView.of(items, query, total));
            });
        });
    }
}

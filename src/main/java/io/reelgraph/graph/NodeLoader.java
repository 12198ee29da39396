package io.reelgraph.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.reactive.mutiny.Mutiny;

import io.reelgraph.author.AuthorRef;
import io.reelgraph.author.AuthorView;
import io.reelgraph.credit.CreditedAuthor;
import io.reelgraph.credit.CreditedVideo;
import io.reelgraph.video.VideoNode;
import io.reelgraph.video.VideoRef;
import io.reelgraph.video.VideoView;
import io.smallrye.mutiny.Uni;

/**
 * Loads authors and videos, by id, as views whose links are compact references: three statements for any number
 * of authors and two for any number of videos, however many links they have. Projections, not entities: nothing
 * is hydrated or tracked that the views do not show.
 */
final class NodeLoader {

    private NodeLoader() {
    }

    /** The authors of {@code ids} that exist, by id. */
    static Uni<Map<Long, AuthorView>> authors(Mutiny.Session session, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return rows(session, "select a.id, a.name, a.version, f.id, f.code"
                + " from Author a left join a.featuredVideo f where a.id in :ids", ids)
                .chain(authors -> rows(session, "select v.author.id, v.id, v.code"
                        + " from Video v where v.author.id in :ids order by v.id", ids)
                        .chain(uploads -> rows(session, "select c.author.id, v.id, v.code, c.extraData"
                                + " from VideoAuthor c join c.video v where c.author.id in :ids order by v.id", ids)
                                .map(credits -> {
                                    Map<Long, List<VideoNode>> uploadsBy = new HashMap<>();
                                    uploads.forEach(row -> listOf(uploadsBy, row[0])
                                            .add(new VideoRef((Long) row[1], (String) row[2])));
                                    Map<Long, List<CreditedVideo>> creditsBy = new HashMap<>();
                                    credits.forEach(row -> listOf(creditsBy, row[0]).add(new CreditedVideo(
                                            (Long) row[1], (String) row[2], (String) row[3], null)));
                                    Map<Long, AuthorView> byId = new HashMap<>();
                                    for (Object[] row : authors) {
                                        Long id = (Long) row[0];
                                        byId.put(id, new AuthorView(id, (String) row[1], (Long) row[2],
                                                row[3] == null ? null : new VideoRef((Long) row[3], (String) row[4]),
                                                uploadsBy.getOrDefault(id, List.of()),
                                                creditsBy.getOrDefault(id, List.of())));
                                    }
                                    return byId;
                                })));
    }

    /** The videos of {@code ids} that exist, by id. */
    static Uni<Map<Long, VideoView>> videos(Mutiny.Session session, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return rows(session, "select v.id, v.code, v.img, v.score, v.version, a.id, a.name, f.id, f.name"
                + " from Video v left join v.author a left join v.featuredBy f where v.id in :ids", ids)
                .chain(videos -> rows(session, "select c.video.id, a.id, a.name, c.extraData"
                        + " from VideoAuthor c join c.author a where c.video.id in :ids order by a.id", ids)
                        .map(credits -> {
                            Map<Long, List<CreditedAuthor>> creditsBy = new HashMap<>();
                            credits.forEach(row -> listOf(creditsBy, row[0]).add(new CreditedAuthor(
                                    (Long) row[1], (String) row[2], (String) row[3], null)));
                            Map<Long, VideoView> byId = new HashMap<>();
                            for (Object[] row : videos) {
                                Long id = (Long) row[0];
                                byId.put(id, new VideoView(id, (String) row[1], (String) row[2], (Float) row[3],
                                        (Long) row[4],
                                        row[5] == null ? null : new AuthorRef((Long) row[5], (String) row[6]),
                                        row[7] == null ? null : new AuthorRef((Long) row[7], (String) row[8]),
                                        creditsBy.getOrDefault(id, List.of())));
                            }
                            return byId;
                        }));
    }

    private static Uni<List<Object[]>> rows(Mutiny.Session session, String hql, Collection<Long> ids) {
        return session.createSelectionQuery(hql, Object[].class).setParameter("ids", ids).getResultList();
    }

    private static <T> List<T> listOf(Map<Long, List<T>> lists, Object id) {
        return lists.computeIfAbsent((Long) id, key -> new ArrayList<>());
    }
}

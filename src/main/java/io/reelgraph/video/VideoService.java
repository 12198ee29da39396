package io.reelgraph.video;

import static io.reelgraph.common.Lists.orEmpty;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.reelgraph.author.Author;
import io.reelgraph.common.Lookups;
import io.reelgraph.common.OptimisticUpdates;
import io.reelgraph.common.PageQuery;
import io.reelgraph.common.PageView;
import io.reelgraph.common.Paging;
import io.reelgraph.common.Transactions;
import io.reelgraph.credit.CreditedAuthor;
import io.reelgraph.credit.VideoAuthor;
import io.reelgraph.error.ApiException;
import io.reelgraph.error.Violations;
import io.reelgraph.graph.Expander;
import io.reelgraph.graph.Expansion;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Videos and the links seen from their side; every write is one transaction. */
@ApplicationScoped
public class VideoService {

    static final Map<String, String> SORTABLE = Map.of("id", "v.id", "code", "v.code", "score", "v.score");

    /** Reads go through the reactive client (see {@link Expander}), after a write's transaction has committed. */
    @Inject
    Pool pool;

    @Inject
    Transactions transactions;

    /** The filters of {@code GET /videos}; null means "any". */
    public record Filter(String codeContains, Float minScore, Long authorId) {
    }

    public Uni<VideoView> get(Long id, Expansion expansion) {
        return Expander.videos(pool, List.of(id), expansion)
                .map(found -> found.stream().findFirst().orElseThrow(() -> ApiException.notFound("video", id)));
    }

    public Uni<PageView<VideoView>> list(Filter filter, PageQuery query, Expansion expansion) {
        Map<String, Object> params = new HashMap<>();
        return Paging.page("Video v", "v.id", where(filter, params), params, query,
                ids -> Expander.videos(pool, ids, expansion));
    }

    /** Every video that matches, in id order, in chunks read as the client reads. */
    public Multi<List<VideoView>> stream(Filter filter, Expansion expansion) {
        Map<String, Object> params = new HashMap<>();
        return Paging.stream("Video v", "v.id", where(filter, params), params,
                Paging.streamChunk(!expansion.children().isEmpty()), ids -> Expander.videos(pool, ids, expansion));
    }

    /** The HQL condition of {@code filter} on {@code v}, its parameters put into {@code params}. */
    private static String where(Filter filter, Map<String, Object> params) {
        List<String> where = new ArrayList<>();
        if (filter.codeContains() != null && !filter.codeContains().isEmpty()) {
            where.add("v.code like :code escape '!'");
            params.put("code", PageQuery.containsPattern(filter.codeContains()));
        }
        if (filter.minScore() != null) {
            where.add("v.score >= :minScore");
            params.put("minScore", filter.minScore());
        }
        if (filter.authorId() != null) {
            where.add("v.author.id = :authorId");
            params.put("authorId", filter.authorId());
        }
        return String.join(" and ", where);
    }

    /** Creates the video and every new object and link of the request, or nothing. */
    public Uni<VideoView> create(VideoCreate request) {
        List<VideoCreate.Credit> credits = orEmpty(request.credits());
        checkLinks(request, credits);
        List<Long> referenced = Stream.concat(Stream.of(request.authorId()),
                credits.stream().map(VideoCreate.Credit::authorId)).filter(Objects::nonNull).toList();
        return transactions.write(() -> existingFeaturer(request.featuredById())
                .chain(featurer -> Lookups.requireAll(referenced, ids -> Author.list("id in ?1", ids),
                        (Author author) -> author.id, "author")
                        .chain(authors -> {
                            Video video = request.toEntity();
                            video.setAuthor(request.author() != null
                                    ? request.author().toEntity()
                                    : authors.get(request.authorId()));
                            video.setFeaturedBy(request.featuredBy() != null
                                    ? request.featuredBy().toEntity()
                                    : featurer);
                            List<VideoAuthor> links = credits.stream()
                                    .map(credit -> VideoAuthor.link(credit.author() != null
                                            ? credit.author().toEntity()
                                            : authors.get(credit.authorId()), video, credit.extraData()))
                                    .toList();
                            return video.persistAndFlush()
                                    .call(() -> VideoAuthor.persistWithEnds(links))
                                    .replaceWith(video);
                        })))
                .chain(video -> get(video.id, Expansion.NONE));
    }

    /** Replaces the video's own fields; see {@link OptimisticUpdates} for {@code ifMatch}. */
    public Uni<VideoView> update(Long id, VideoFields fields, String ifMatch) {
        return transactions.write(() -> Lookups.require(Video.<Video> findById(id), "video", id)
                .chain(video -> OptimisticUpdates.update(ifMatch, "video", id, video.version,
                        "code = :code, img = :img, score = :score", Parameters.with("code", fields.code())
                                .and("img", fields.img()).and("score", fields.score()),
                        (hql, params) -> Video.update(hql, params))))
                .chain(() -> get(id, Expansion.NONE));
    }

    /** The uploader's other videos stay; the featured link and credits go with the video (the schema's FK rules). */
    public Uni<Void> delete(Long id) {
        return transactions.write(() -> Lookups.requireDeleted(Video.delete("id", id),
                () -> ApiException.notFound("video", id)));
    }

    /** Sets the uploader; {@code authorId} null clears it. */
    public Uni<VideoView> setAuthor(Long videoId, Long authorId) {
        return transactions.write(() -> Lookups.require(Video.findWithLinks(videoId), "video", videoId)
                .chain(video -> (authorId == null
                        ? Uni.createFrom().<Author> nullItem()
                        : Lookups.require(Author.<Author> findById(authorId), "author", authorId))
                        .invoke(video::setAuthor)
                        .replaceWith(video)))
                .chain(() -> get(videoId, Expansion.NONE));
    }

    /**
     * Makes an existing author feature this video, replacing the video's current featurer. An author who already
     * features another video is a conflict: that link must be removed first.
     */
    public Uni<VideoView> setFeaturedBy(Long videoId, Long authorId) {
        return transactions.write(() -> Lookups.require(Video.findWithLinks(videoId), "video", videoId)
                .chain(video -> Lookups.require(Author.findWithFeaturedVideo(authorId), "author", authorId)
                        .chain(author -> {
                            requireNotFeaturingAnother(author, video);
                            return replaceFeaturer(video, author);
                        })))
                .chain(() -> get(videoId, Expansion.NONE));
    }

    public Uni<Void> clearFeaturedBy(Long videoId) {
        return transactions.write(() -> Lookups.require(Video.findWithLinks(videoId), "video", videoId)
                .invoke(video -> video.setFeaturedBy(null))
                .replaceWithVoid());
    }

    @WithSession
    public Uni<List<CreditedAuthor>> credits(Long videoId) {
        return Lookups.requireOne(Video.listWithCredits(videoId), "video", videoId)
                .map(video -> video.getCredits().stream().map(CreditedAuthor::of).toList());
    }

    /**
     * The old featurer's link is written before the new one: author.featured_video_id is unique, and one flush
     * could write the new author's row first.
     */
    private static Uni<Void> replaceFeaturer(Video video, Author author) {
        Author previous = video.getFeaturedBy();
        Uni<Void> released = Uni.createFrom().voidItem();
        if (previous != null && previous != author) {
            video.setFeaturedBy(null);
            released = Panache.flush();
        }
        return released.invoke(() -> video.setFeaturedBy(author));
    }

    private static Uni<Author> existingFeaturer(Long authorId) {
        if (authorId == null) {
            return Uni.createFrom().nullItem();
        }
        return Lookups.require(Author.findWithFeaturedVideo(authorId), "author", authorId)
                .invoke(author -> requireNotFeaturingAnother(author, null));
    }

    /** An author featuring a video other than {@code video} is a conflict: links are never taken over. */
    private static void requireNotFeaturingAnother(Author author, Video video) {
        Video current = author.getFeaturedVideo();
        if (current != null && current != video) {
            throw ApiException.conflict("author " + author.id + " already features video " + current.id);
        }
    }

    private static void checkLinks(VideoCreate request, List<VideoCreate.Credit> credits) {
        new Violations()
                .oneOf("", "author", request.author(), "authorId", request.authorId(), false)
                .oneOf("", "featuredBy", request.featuredBy(), "featuredById", request.featuredById(), false)
                .credits(credits, "author", VideoCreate.Credit::author, "authorId", VideoCreate.Credit::authorId, "author")
                .throwIfAny();
    }
}

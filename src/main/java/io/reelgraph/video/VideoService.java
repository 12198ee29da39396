package io.reelgraph.video;

import static io.reelgraph.common.Lists.orEmpty;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.reelgraph.catalogue.Author;
import io.reelgraph.catalogue.CreditedAuthor;
import io.reelgraph.catalogue.Video;
import io.reelgraph.catalogue.VideoAuthor;
import io.reelgraph.catalogue.VideoCreate;
import io.reelgraph.catalogue.VideoFields;
import io.reelgraph.catalogue.VideoView;
import io.reelgraph.common.Lookups;
import io.reelgraph.common.OptimisticUpdates;
import io.reelgraph.database.Transactions;
import io.reelgraph.error.ApiException;
import io.reelgraph.error.Violations;
import io.reelgraph.graph.Expander;
import io.reelgraph.graph.Expansion;
import io.reelgraph.listing.Listing;
import io.reelgraph.listing.PageParams;
import io.reelgraph.listing.PageView;
import io.reelgraph.listing.SubCollection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Videos and the links seen from their side; every write is one transaction. */
@ApplicationScoped
public class VideoService {

    /** Each sort is served by an index of its own and one after {@code author_id} (the only equality filter). */
    public static final Listing.Table VIDEOS = new Listing.Table("video v", "", "v.id",
            Map.of("id", Listing.Column.id("v.id"), "code", Listing.Column.text("v.code"),
                    "score", Listing.Column.nullableFloat("v.score")),
            Map.of("v.author_id id", "idx_video_author_id", "v.author_id code", "idx_video_author_code",
                    "v.author_id score", "idx_video_author_score"));
    /** A video's credits, in the order of the index {@code video_author(video_id)} (with the primary key). */
    private static final SubCollection<CreditedAuthor> CREDITS = new SubCollection<>("video",
            new Listing.Table("video_author c", "JOIN author a ON a.id = c.author_id", "c.author_id",
                    Map.of("authorId", Listing.Column.id("c.author_id")),
                    Map.of("c.video_id authorId", "idx_credit_video_author")),
            "c.video_id", "a.name, c.extra_data",
            row -> new CreditedAuthor(row.getLong(0), row.getString(2), row.getString(3), null));

    /** Reads go through the reactive client (see {@link Expander}), after a write's transaction has committed. */
    private final Pool pool;

    private final Transactions transactions;

    VideoService(Pool pool, Transactions transactions) {
        this.pool = pool;
        this.transactions = transactions;
    }

    /** The filters of {@code GET /videos}; null means "any". */
    public record Filter(String codePrefix, Float minScore, Long authorId) {
    }

    public Uni<VideoView> get(Long id, Expansion expansion) {
        return Expander.videos(pool, List.of(id), expansion)
                .map(found -> found.stream().findFirst().orElseThrow(() -> ApiException.notFound("video", id)));
    }

    public Uni<PageView<VideoView>> list(Filter filter, PageParams params, Expansion expansion) {
        return videos(filter, params.sort()).page(pool, params, "",
                rows -> Expander.videos(pool, Listing.keys(rows), expansion), params::link);
    }

    /**
     * Every video that matches, in chunks read as the client reads. Unexpanded, a chunk is one keyset statement that
     * reads the videos themselves and one that reads their credits.
     */
    public Multi<List<VideoView>> stream(Filter filter, String sort, Expansion expansion) {
        if (expansion.children().isEmpty()) {
            Listing listing = videos(filter, sort, VIDEOS.joining(Expander.VIDEO_JOINS));
            return listing.stream(pool, Listing.streamChunk(false), Expander.VIDEO_COLUMNS,
                    rows -> Expander.videoViews(pool, rows, listing.coversKeyRanges()));
        }
        return videos(filter, sort, VIDEOS).stream(pool, Listing.streamChunk(true), "",
                rows -> Expander.videos(pool, Listing.keys(rows), expansion));
    }

    private static Listing videos(Filter filter, String sort) {
        return videos(filter, sort, VIDEOS);
    }

    private static Listing videos(Filter filter, String sort, Listing.Table table) {
        return Listing.of(table, sort, Listing.Filter.equal("authorId", "v.author_id", filter.authorId()),
                Listing.Filter.startsWith("code", "v.code", filter.codePrefix()),
                Listing.Filter.atLeast("minScore", "v.score", filter.minScore()));
    }

    /** Creates the video and every new object and link of the request, or nothing. */
    public Uni<VideoView> create(VideoCreate request) {
        List<VideoCreate.Credit> credits = orEmpty(request.credits());
        checkLinks(request, credits);
        return transactions.write(() -> existingAuthors(request, credits)
                .chain(existing -> persistWithLinks(request, credits, existing)))
                .chain(video -> get(video.id, Expansion.NONE));
    }

    /** The existing authors a new video links to (its uploader and those credited by id, its featurer), required to exist. */
    private record ExistingAuthors(Author featurer, Map<Long, Author> byId) {
    }

    private static Uni<ExistingAuthors> existingAuthors(VideoCreate request, List<VideoCreate.Credit> credits) {
        List<Long> referenced = Stream.concat(Stream.of(request.authorId()),
                credits.stream().map(VideoCreate.Credit::authorId)).filter(Objects::nonNull).toList();
        return existingFeaturer(request.featuredById())
                .chain(featurer -> Lookups.requireAll(referenced, ids -> Author.list("id in ?1", ids),
                        (Author author) -> author.id, "author")
                        .map(byId -> new ExistingAuthors(featurer, byId)));
    }

    /** The video, its new authors, and its links to new and existing ones in all three ways, persisted. */
    private static Uni<Video> persistWithLinks(VideoCreate request, List<VideoCreate.Credit> credits,
            ExistingAuthors existing) {
        Video video = request.toEntity();
        video.setAuthor(request.author() != null ? request.author().toEntity() : existing.byId().get(request.authorId()));
        video.setFeaturedBy(request.featuredBy() != null ? request.featuredBy().toEntity() : existing.featurer());
        List<VideoAuthor> links = credits.stream().map(credit -> VideoAuthor.link(
                credit.author() != null ? credit.author().toEntity() : existing.byId().get(credit.authorId()), video,
                credit.extraData())).toList();
        return video.persistAndFlush().call(() -> VideoAuthor.persistWithEnds(links)).replaceWith(video);
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
        // the author first: read after the video, it may already be in the session as the video's uploader, and
        // fetching its featured video into that instance trips an assertion of Hibernate ORM's result initializers
        // (quarkusio/quarkus#45758, seen with -ea in the tests)
        return transactions.write(() -> Lookups.require(Author.findWithFeaturedVideo(authorId), "author", authorId)
                .chain(author -> Lookups.require(Video.findWithLinks(videoId), "video", videoId)
                        .chain(video -> {
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

    /** A page of the authors credited on the video. */
    public Uni<PageView<CreditedAuthor>> credits(Long videoId, PageParams params) {
        return CREDITS.page(pool, videoId, params);
    }

    public Multi<List<CreditedAuthor>> streamCredits(Long videoId, String sort) {
        return CREDITS.stream(pool, videoId, sort);
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

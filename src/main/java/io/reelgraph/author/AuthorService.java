package io.reelgraph.author;

import static io.reelgraph.common.Lists.orEmpty;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.panache.common.Parameters;
import io.reelgraph.catalogue.Author;
import io.reelgraph.catalogue.AuthorCreate;
import io.reelgraph.catalogue.AuthorFields;
import io.reelgraph.catalogue.AuthorView;
import io.reelgraph.catalogue.CreditedVideo;
import io.reelgraph.catalogue.Video;
import io.reelgraph.catalogue.VideoAuthor;
import io.reelgraph.catalogue.VideoFields;
import io.reelgraph.catalogue.VideoSummary;
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
import io.reelgraph.video.VideoService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Authors and the links seen from their side; every write is one transaction. */
@ApplicationScoped
public class AuthorService {

    private static final Listing.Table AUTHORS = new Listing.Table("author a", "", "a.id",
            Map.of("id", Listing.Column.id("a.id"), "name", Listing.Column.text("a.name")), Map.of());
    /** An author's uploads: the indexes of {@code video(author_id, ...)} serve each sort. */
    private static final SubCollection<VideoSummary> UPLOADS = new SubCollection<>("author",
            VideoService.VIDEOS,
            "v.author_id", "v.code, v.img, v.score",
            row -> new VideoSummary(row.getLong(0), row.getString(2), row.getString(3), row.getFloat(4)));
    /** An author's credits, in the order of the primary key {@code (author_id, video_id)}. */
    private static final SubCollection<CreditedVideo> CREDITS = new SubCollection<>("author",
            new Listing.Table("video_author c", "JOIN video v ON v.id = c.video_id", "c.video_id",
                    Map.of("videoId", Listing.Column.id("c.video_id")), Map.of("c.author_id videoId", "PRIMARY")),
            "c.author_id", "v.code, c.extra_data",
            row -> new CreditedVideo(row.getLong(0), row.getString(2), row.getString(3), null));

    /** Reads go through the reactive client (see {@link Expander}), after a write's transaction has committed. */
    private final Pool pool;

    private final VideoService videos;

    private final Transactions transactions;

    AuthorService(Pool pool, VideoService videos, Transactions transactions) {
        this.pool = pool;
        this.videos = videos;
        this.transactions = transactions;
    }

    public Uni<AuthorView> get(Long id, Expansion expansion) {
        return Expander.authors(pool, List.of(id), expansion)
                .map(found -> found.stream().findFirst().orElseThrow(() -> ApiException.notFound("author", id)));
    }

    public Uni<PageView<AuthorView>> list(String namePrefix, PageParams params, Expansion expansion) {
        return authors(namePrefix, params.sort()).page(pool, params, "",
                rows -> Expander.authors(pool, Listing.keys(rows), expansion), params::link);
    }

    /** Every author that matches, in chunks read as the client reads. */
    public Multi<List<AuthorView>> stream(String namePrefix, String sort, Expansion expansion) {
        return authors(namePrefix, sort).stream(pool, Listing.streamChunk(!expansion.children().isEmpty()), "",
                rows -> Expander.authors(pool, Listing.keys(rows), expansion));
    }

    private static Listing authors(String namePrefix, String sort) {
        return Listing.of(AUTHORS, sort, Listing.Filter.startsWith("name", "a.name", namePrefix));
    }

    /** Creates the author and every new object and link of the request, or nothing. */
    public Uni<AuthorView> create(AuthorCreate request) {
        List<AuthorCreate.Credit> credits = orEmpty(request.credits());
        checkLinks(request, credits);
        return transactions.write(() -> existingVideos(request, credits)
                .chain(existing -> persistWithLinks(request, credits, existing)))
                .chain(author -> get(author.id, Expansion.NONE));
    }

    /** The existing videos a new author links to, each required to exist. */
    private record ExistingVideos(Video featured, Map<Long, Video> credited) {
    }

    private static Uni<ExistingVideos> existingVideos(AuthorCreate request, List<AuthorCreate.Credit> credits) {
        List<Long> creditedIds = credits.stream().map(AuthorCreate.Credit::videoId).filter(Objects::nonNull).toList();
        return existingFeaturedVideo(request.featuredVideoId())
                .chain(featured -> Lookups.requireAll(creditedIds, ids -> Video.list("id in ?1", ids),
                        (Video video) -> video.id, "video")
                        .map(credited -> new ExistingVideos(featured, credited)));
    }

    /** The author, its new videos, and its links to new and existing ones in all three ways, persisted. */
    private static Uni<Author> persistWithLinks(AuthorCreate request, List<AuthorCreate.Credit> credits,
            ExistingVideos existing) {
        Author author = request.toEntity();
        author.setFeaturedVideo(request.featuredVideo() != null ? request.featuredVideo().toEntity() : existing.featured());
        orEmpty(request.videos()).forEach(video -> author.addVideo(video.toEntity()));
        List<VideoAuthor> links = credits.stream().map(credit -> VideoAuthor.link(author,
                credit.video() != null ? credit.video().toEntity() : existing.credited().get(credit.videoId()),
                credit.extraData())).toList();
        return author.persistAndFlush().call(() -> VideoAuthor.persistWithEnds(links)).replaceWith(author);
    }

    /** Replaces the author's own fields; see {@link OptimisticUpdates} for {@code ifMatch}. */
    public Uni<AuthorView> update(Long id, AuthorFields fields, String ifMatch) {
        return transactions.write(() -> Lookups.require(Author.<Author> findById(id), "author", id)
                .chain(author -> OptimisticUpdates.update(ifMatch, "author", id, author.version, "name = :name",
                        Parameters.with("name", fields.name()), (hql, params) -> Author.update(hql, params))))
                .chain(() -> get(id, Expansion.NONE));
    }

    /** Uploads stay with no author; the featured link and credits go with the author (the schema's FK rules). */
    public Uni<Void> delete(Long id) {
        return transactions.write(() -> Lookups.requireDeleted(Author.delete("id", id),
                () -> ApiException.notFound("author", id)));
    }

    /**
     * Features an existing video, replacing the author's current one. A video featured by another author is a
     * conflict: its link must be removed first.
     */
    public Uni<AuthorView> feature(Long authorId, Long videoId) {
        return transactions.write(() -> Lookups.require(Author.findWithFeaturedVideo(authorId), "author", authorId)
                .chain(author -> Lookups.require(Video.findWithLinks(videoId), "video", videoId)
                        .invoke(video -> {
                            requireNotFeaturedByAnother(video, author);
                            author.setFeaturedVideo(video);
                        })))
                .chain(() -> get(authorId, Expansion.NONE));
    }

    public Uni<Void> unfeature(Long authorId) {
        return transactions.write(() -> Lookups.require(Author.findWithFeaturedVideo(authorId), "author", authorId)
                .invoke(author -> author.setFeaturedVideo(null))
                .replaceWithVoid());
    }

    /** A page of the author's uploads. */
    public Uni<PageView<VideoSummary>> videos(Long authorId, PageParams params) {
        return UPLOADS.page(pool, authorId, params);
    }

    public Multi<List<VideoSummary>> streamVideos(Long authorId, String sort) {
        return UPLOADS.stream(pool, authorId, sort);
    }

    /** Appends a new video to the author's uploads. */
    public Uni<VideoView> upload(Long authorId, VideoFields fields) {
        return transactions.write(() -> Lookups.require(Author.<Author> findById(authorId), "author", authorId)
                .map(author -> {
                    Video video = fields.toEntity();
                    author.addVideo(video);
                    return video;
                })
                .call(Video::persistAndFlush))
                .chain(video -> videos.get(video.id, Expansion.NONE));
    }

    /** A page of the videos the author is credited on. */
    public Uni<PageView<CreditedVideo>> credits(Long authorId, PageParams params) {
        return CREDITS.page(pool, authorId, params);
    }

    public Multi<List<CreditedVideo>> streamCredits(Long authorId, String sort) {
        return CREDITS.stream(pool, authorId, sort);
    }

    private static Uni<Video> existingFeaturedVideo(Long videoId) {
        if (videoId == null) {
            return Uni.createFrom().nullItem();
        }
        return Lookups.require(Video.findWithLinks(videoId), "video", videoId)
                .invoke(video -> requireNotFeaturedByAnother(video, null));
    }

    /** A video featured by someone other than {@code author} is a conflict: links are never taken over. */
    private static void requireNotFeaturedByAnother(Video video, Author author) {
        Author current = video.getFeaturedBy();
        if (current != null && current != author) {
            throw ApiException.conflict("video " + video.id + " is already featured by author " + current.id);
        }
    }

    private static void checkLinks(AuthorCreate request, List<AuthorCreate.Credit> credits) {
        new Violations()
                .oneOf("", "featuredVideo", request.featuredVideo(), "featuredVideoId", request.featuredVideoId(),
                        false)
                .credits(credits, "video", AuthorCreate.Credit::video, "videoId", AuthorCreate.Credit::videoId, "video")
                .throwIfAny();
    }
}

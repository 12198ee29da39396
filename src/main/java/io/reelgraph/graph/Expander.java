package io.reelgraph.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.reelgraph.catalogue.AuthorNode;
import io.reelgraph.catalogue.AuthorView;
import io.reelgraph.catalogue.CreditedAuthor;
import io.reelgraph.catalogue.CreditedVideo;
import io.reelgraph.catalogue.VideoNode;
import io.reelgraph.catalogue.VideoView;
import io.reelgraph.error.ApiException;
import io.reelgraph.listing.Listing;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Reads authors or videos with the relationships an {@link Expansion} names embedded as whole objects.
 * <p>
 * The graph is read a level at a time: the roots, then every object the first names of the paths reach, and so on.
 * Each level loads the ids not seen yet with {@link ViewLoader} (one statement for its authors, two for its
 * videos), so a read costs a number of statements set by the expansion, never by the number of rows. Every object
 * embeds the first page of each of its lists, so a level's size is known from the level above before it is read, and
 * a level's load stops as soon as its objects hold more than the response may still embed. The
 * response is then assembled in memory, where an object reached twice has been loaded once.
 */
public final class Expander {

    /**
     * Objects one response may embed below its roots, counting each whole object and the references it holds; more
     * is a 400 that asks for a smaller page or expansion. It bounds the work and the size of any expansion.
     */
    public static final int MAX_EMBEDDED = 20_000;

    private enum Type {
        AUTHOR,
        VIDEO
    }

    /** A place in the response where an object is embedded whole, with what to expand below it. */
    private record Visit(Type type, Long id, Expansion expansion) {
    }

    private final SqlClient client;
    private final Map<Long, AuthorView> authors = new HashMap<>();
    private final Map<Long, VideoView> videos = new HashMap<>();

    private Expander(SqlClient client) {
        this.client = client;
    }

    /** The authors of {@code ids} that exist, in that order, read through {@code client}. */
    public static Uni<List<AuthorView>> authors(SqlClient client, List<Long> ids, Expansion expansion) {
        return read(client, Type.AUTHOR, ids, expansion)
                .map(graph -> inOrder(ids, graph.authors, author -> graph.render(author, expansion)));
    }

    /** The videos of {@code ids} that exist, in that order, read through {@code client}. */
    public static Uni<List<VideoView>> videos(SqlClient client, List<Long> ids, Expansion expansion) {
        return read(client, Type.VIDEO, ids, expansion)
                .map(graph -> inOrder(ids, graph.videos, video -> graph.render(video, expansion)));
    }

    /** The columns, and the tables they need joined to {@code video v}, a listing reads for {@link #videoViews}. */
    public static final String VIDEO_COLUMNS = ViewLoader.VIDEO_COLUMNS;
    public static final String VIDEO_JOINS = ViewLoader.VIDEO_JOINS;

    /**
     * The unexpanded views of the videos a listing has read with {@link #VIDEO_COLUMNS}, in its order: only their
     * credits are read, in one statement, by the range of the rows' ids when the rows are every video in that range
     * ({@code wholeRange}, {@link Listing#coversKeyRanges()}), else by their ids.
     */
    public static Uni<List<VideoView>> videoViews(SqlClient client, List<Row> rows, boolean wholeRange) {
        return ViewLoader.videosOfRows(client, rows, Listing.COLUMNS_FROM, wholeRange);
    }

    private static Uni<Expander> read(SqlClient client, Type type, List<Long> ids, Expansion expansion) {
        Expander graph = new Expander(client);
        List<Visit> roots = ids.stream().distinct().map(id -> new Visit(type, id, expansion)).toList();
        return graph.load(roots, ViewLoader.Reads.VIEWS).chain(() -> graph.expandBelow(roots, 0)).replaceWith(graph);
    }

    private static <V> List<V> inOrder(List<Long> ids, Map<Long, V> loaded, Function<V, V> render) {
        return ids.stream().map(loaded::get).filter(Objects::nonNull).map(render).toList();
    }

    /**
     * Loads the objects one level below {@code level}, then the level below those, until no path goes further.
     *
     * @param embedded the objects the response embeds so far: the whole ones, and the references they hold
     */
    private Uni<Void> expandBelow(List<Visit> level, int embedded) {
        requireWithinLimit(embedded);
        List<Visit> next = level.stream().flatMap(visit -> children(visit).stream()).toList();
        if (next.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        requireWithinLimit(embedded + next.size()); // before reading them
        // the level's new objects and their references may hold no more than the response may still embed
        int maxRefs = MAX_EMBEDDED - embedded;
        return load(next, ViewLoader.Reads.VIEWS.withMaxRefs(maxRefs))
                .onFailure(ViewLoader.TooManyRows.class).transform(tooMany -> tooLarge())
                .chain(() -> expandBelow(next, embedded + next.stream().mapToInt(this::size).sum()));
    }

    private static void requireWithinLimit(int embedded) {
        if (embedded > MAX_EMBEDDED) {
            throw tooLarge();
        }
    }

    private static ApiException tooLarge() {
        return ApiException.invalid("expand", "the expansion would embed more than " + MAX_EMBEDDED
                + " objects; expand fewer relationships or ask for a smaller page");
    }

    /** What embedding a loaded object whole adds to the response: itself and the references it holds. */
    private int size(Visit visit) {
        if (visit.type() == Type.AUTHOR) {
            AuthorView author = authors.get(visit.id());
            return author == null ? 0 : ViewLoader.refs(author);
        }
        VideoView video = videos.get(visit.id());
        return video == null ? 0 : ViewLoader.refs(video);
    }

    private Uni<Void> load(List<Visit> level, ViewLoader.Reads reads) {
        List<Long> newAuthors = unseen(level, Type.AUTHOR, authors);
        List<Long> newVideos = unseen(level, Type.VIDEO, videos);
        return Uni.combine().all()
                .unis(ViewLoader.authors(client, newAuthors, reads), ViewLoader.videos(client, newVideos, reads))
                .asTuple()
                .invoke(loaded -> {
                    authors.putAll(loaded.getItem1().byId());
                    videos.putAll(loaded.getItem2().byId());
                })
                .replaceWithVoid();
    }

    private static List<Long> unseen(List<Visit> level, Type type, Map<Long, ?> seen) {
        return level.stream().filter(visit -> visit.type() == type).map(Visit::id)
                .filter(id -> !seen.containsKey(id)).distinct().toList();
    }

    /** The objects one level below {@code visit} that its expansion names. */
    private List<Visit> children(Visit visit) {
        Expansion expansion = visit.expansion();
        List<Visit> children = new ArrayList<>();
        if (visit.type() == Type.AUTHOR) {
            AuthorView author = authors.get(visit.id());
            if (author == null) {
                return children; // a root that does not exist, or a row deleted since its link was read
            }
            if (expansion.has("featuredVideo") && author.featuredVideo() != null) {
                children.add(new Visit(Type.VIDEO, author.featuredVideo().id(), expansion.child("featuredVideo")));
            }
            if (expansion.has("videos")) {
                author.videos().forEach(video -> children.add(new Visit(Type.VIDEO, video.id(), expansion.child("videos"))));
            }
            Expansion credits = expansion.child("credits");
            if (credits.has("video")) {
                author.credits()
                        .forEach(credit -> children.add(new Visit(Type.VIDEO, credit.videoId(), credits.child("video"))));
            }
        } else {
            VideoView video = videos.get(visit.id());
            if (video == null) {
                return children;
            }
            if (expansion.has("author") && video.author() != null) {
                children.add(new Visit(Type.AUTHOR, video.author().id(), expansion.child("author")));
            }
            if (expansion.has("featuredBy") && video.featuredBy() != null) {
                children.add(new Visit(Type.AUTHOR, video.featuredBy().id(), expansion.child("featuredBy")));
            }
            Expansion credits = expansion.child("credits");
            if (credits.has("author")) {
                video.credits()
                        .forEach(credit -> children.add(new Visit(Type.AUTHOR, credit.authorId(), credits.child("author"))));
            }
        }
        return children;
    }

    private AuthorView render(AuthorView author, Expansion expansion) {
        if (expansion.children().isEmpty()) {
            return author;
        }
        Expansion credits = expansion.child("credits");
        return new AuthorView(author.id(), author.name(), author.version(),
                expansion.has("featuredVideo") ? whole(author.featuredVideo(), expansion.child("featuredVideo"))
                        : author.featuredVideo(),
                expansion.has("videos")
                        ? author.videos().stream().map(video -> whole(video, expansion.child("videos"))).toList()
                        : author.videos(),
                credits.has("video")
                        ? author.credits().stream().map(credit -> new CreditedVideo(credit.videoId(), credit.code(),
                                credit.extraData(), wholeVideo(credit.videoId(), credits.child("video")))).toList()
                        : author.credits(),
                author.more());
    }

    private VideoView render(VideoView video, Expansion expansion) {
        if (expansion.children().isEmpty()) {
            return video;
        }
        Expansion credits = expansion.child("credits");
        return new VideoView(video.id(), video.code(), video.img(), video.score(), video.version(),
                expansion.has("author") ? whole(video.author(), expansion.child("author")) : video.author(),
                expansion.has("featuredBy") ? whole(video.featuredBy(), expansion.child("featuredBy"))
                        : video.featuredBy(),
                credits.has("author")
                        ? video.credits().stream().map(credit -> new CreditedAuthor(credit.authorId(), credit.name(),
                                credit.extraData(), wholeAuthor(credit.authorId(), credits.child("author")))).toList()
                        : video.credits(),
                video.more());
    }

    /** The whole video behind a reference, or the reference if the video is gone. */
    private VideoNode whole(VideoNode video, Expansion expansion) {
        if (video == null) {
            return null;
        }
        VideoView loaded = wholeVideo(video.id(), expansion);
        return loaded != null ? loaded : video;
    }

    private VideoView wholeVideo(Long videoId, Expansion expansion) {
        VideoView loaded = videos.get(videoId);
        return loaded == null ? null : render(loaded, expansion);
    }

    private AuthorNode whole(AuthorNode author, Expansion expansion) {
        if (author == null) {
            return null;
        }
        AuthorView loaded = wholeAuthor(author.id(), expansion);
        return loaded != null ? loaded : author;
    }

    private AuthorView wholeAuthor(Long authorId, Expansion expansion) {
        AuthorView loaded = authors.get(authorId);
        return loaded == null ? null : render(loaded, expansion);
    }
}

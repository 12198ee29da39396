package io.reelgraph.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.reelgraph.catalogue.AuthorView;
import io.reelgraph.catalogue.VideoView;
import io.reelgraph.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The neighbourhood of an author or a video, breadth first over all three relationships. Each depth loads its
 * frontier with {@link ViewLoader} (at most three statements); one more load of the last frontier finds the links
 * between the nodes already included. A load reads, of each list of each frontier node, an equal share of the
 * nodes {@code limit} still allows (of {@code limit} itself for the last frontier): a level never reads much more
 * than {@code limit} links of each kind, however many links its nodes have. Without truncation the edges are all the
 * links among the nodes returned; when a node's links were cut, {@code truncated} says so.
 */
final class Neighbourhood {

    private final SqlClient client;
    private final int limit;
    private final Map<String, GraphNode> nodes = new LinkedHashMap<>();
    private final Map<String, GraphEdge> edges = new LinkedHashMap<>();
    private boolean truncated;

    private Neighbourhood(SqlClient client, int limit) {
        this.client = client;
        this.limit = limit;
    }

    /** {@code start} is a node id such as {@code author:1}. */
    static Uni<GraphView> of(SqlClient client, String start, Long id, int depth, int limit) {
        Neighbourhood graph = new Neighbourhood(client, limit);
        return graph.visit(List.of(start), 0, depth)
                .map(ignored -> {
                    if (graph.nodes.isEmpty()) {
                        throw ApiException.notFound(start.substring(0, start.indexOf(':')), id);
                    }
                    return new GraphView(List.copyOf(graph.nodes.values()), List.copyOf(graph.edges.values()),
                            graph.truncated);
                });
    }

    /** Loads the frontier at {@code distance}, links it, and goes on with the nodes it adds. */
    private Uni<Void> visit(List<String> frontier, int distance, int depth) {
        List<Long> authorIds = idsOf(frontier, "author:");
        List<Long> videoIds = idsOf(frontier, "video:");
        boolean grow = distance < depth;
        int room = grow ? Math.max(limit - nodes.size(), 1) : limit;
        ViewLoader.Reads reads = new ViewLoader.Reads((room + frontier.size() - 1) / frontier.size(), false,
                Integer.MAX_VALUE);
        return ViewLoader.authors(client, authorIds, reads)
                .chain(loadedAuthors -> ViewLoader.videos(client, videoIds, reads).map(loadedVideos -> {
                    Map<Long, AuthorView> authors = loadedAuthors.byId();
                    Map<Long, VideoView> videos = loadedVideos.byId();
                    if (!loadedAuthors.cut().isEmpty() || !loadedVideos.cut().isEmpty()) {
                        truncated = true;
                    }
                    List<String> next = new ArrayList<>();
                    for (Long authorId : authorIds) {
                        AuthorView author = authors.get(authorId);
                        if (author != null) {
                            linkAuthor(author, grow, next);
                        }
                    }
                    for (Long videoId : videoIds) {
                        VideoView video = videos.get(videoId);
                        if (video != null) {
                            linkVideo(video, grow, next);
                        }
                    }
                    return next;
                }))
                .chain(next -> distance >= depth || next.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : visit(next, distance + 1, depth));
    }

    private void linkAuthor(AuthorView author, boolean grow, List<String> next) {
        String from = GraphNode.authorId(author.id());
        nodes.putIfAbsent(from, new GraphNode(from, "author", author.name()));
        if (author.featuredVideo() != null) {
            link(from, GraphNode.videoId(author.featuredVideo().id()), "video", author.featuredVideo().code(),
                    GraphEdge.FEATURED, null, from, grow, next);
        }
        author.videos().forEach(video -> link(from, GraphNode.videoId(video.id()), "video", video.code(),
                GraphEdge.UPLOAD, null, from, grow, next));
        author.credits().forEach(credit -> link(from, GraphNode.videoId(credit.videoId()), "video", credit.code(),
                GraphEdge.CREDIT, credit.extraData(), from, grow, next));
    }

    private void linkVideo(VideoView video, boolean grow, List<String> next) {
        String to = GraphNode.videoId(video.id());
        nodes.putIfAbsent(to, new GraphNode(to, "video", video.code()));
        if (video.author() != null) {
            link(GraphNode.authorId(video.author().id()), to, "author", video.author().name(),
                    GraphEdge.UPLOAD, null, to, grow, next);
        }
        if (video.featuredBy() != null) {
            link(GraphNode.authorId(video.featuredBy().id()), to, "author", video.featuredBy().name(),
                    GraphEdge.FEATURED, null, to, grow, next);
        }
        video.credits().forEach(credit -> link(GraphNode.authorId(credit.authorId()), to, "author", credit.name(),
                GraphEdge.CREDIT, credit.extraData(), to, grow, next));
    }

    /**
     * Records the edge {@code from -> to} seen from {@code seenFrom}; the other end is added as a node of the next
     * level if there is room, and the edge is kept only if both ends are in.
     */
    private void link(String from, String to, String otherType, String otherLabel, String kind, String extraData,
            String seenFrom, boolean grow, List<String> next) {
        String other = seenFrom.equals(from) ? to : from;
        if (!nodes.containsKey(other)) {
            if (!grow) {
                return;
            }
            if (nodes.size() >= limit) {
                truncated = true;
                return;
            }
            nodes.put(other, new GraphNode(other, otherType, otherLabel));
            next.add(other);
        }
        edges.putIfAbsent(from + ' ' + to + ' ' + kind, new GraphEdge(from, to, kind, extraData));
    }

    private static List<Long> idsOf(List<String> nodeIds, String prefix) {
        return nodeIds.stream().filter(id -> id.startsWith(prefix))
                .map(id -> Long.valueOf(id.substring(prefix.length()))).toList();
    }
}

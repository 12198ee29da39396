package io.reelgraph.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.reelgraph.catalogue.Author;
import io.reelgraph.catalogue.Video;
import io.reelgraph.catalogue.VideoAuthor;
import io.reelgraph.common.PlainText;
import io.reelgraph.error.Problem;

/**
 * A {@link GraphDocument} checked on its own, before any database access, and resolved into what to insert. Every
 * error is collected with the JSON pointer of where it is, so that one answer lists them all.
 * <p>
 * The rules: node ids are unique; a new node has a type and the fields of that type, valid as in the rest of the
 * API; a reference carries nothing but its id. Edges go from an author to a video and name nodes of the document
 * or existing rows. An import only adds: a video gets at most one uploader and one featurer, an author features at
 * most one video, and a credit is not given twice.
 */
final class ImportPlan {

    static final int MAX_NODES = 100_000;
    static final int MAX_EDGES = 200_000;
    private static final int CLIENT_ID_LENGTH = 100;
    private static final Pattern REFERENCE = Pattern.compile("(author|video):([1-9][0-9]{0,17})");

    /** A node of the document or a referenced row; {@code existingId} is null for a new node. */
    record PlannedRow(String key, String type, Long existingId, GraphDocument.Node fields) {
        boolean isNew() {
            return existingId == null;
        }
    }

    /** A link to create, and where the document asks for it. */
    record PlannedEdge(PlannedRow author, PlannedRow video, String kind, String extraData, String pointer) {
    }

    final List<PlannedRow> newAuthors = new ArrayList<>();
    final List<PlannedRow> newVideos = new ArrayList<>();
    /** Referenced rows, with the pointer of their first mention. */
    final Map<Long, String> existingAuthors = new LinkedHashMap<>();
    final Map<Long, String> existingVideos = new LinkedHashMap<>();
    final List<PlannedEdge> links = new ArrayList<>();

    private final Map<String, PlannedRow> nodes = new HashMap<>();
    private final List<Problem.Violation> violations = new ArrayList<>();

    private ImportPlan() {
    }

    /** The plan of {@code document}, or the violations that make it invalid (the list is then not empty). */
    static ImportPlan of(GraphDocument document) {
        ImportPlan plan = new ImportPlan();
        List<GraphDocument.Node> nodes = document.nodes() == null ? List.of() : document.nodes();
        List<GraphDocument.Edge> edges = document.edges() == null ? List.of() : document.edges();
        if (nodes.isEmpty() && edges.isEmpty()) {
            plan.violation("", "an import needs at least one node or edge");
            return plan;
        }
        if (nodes.size() > MAX_NODES) {
            plan.violation("/nodes", "at most " + MAX_NODES + " nodes per import");
        }
        if (edges.size() > MAX_EDGES) {
            plan.violation("/edges", "at most " + MAX_EDGES + " edges per import");
        }
        if (plan.violations.isEmpty()) {
            for (int i = 0; i < nodes.size(); i++) {
                plan.addNode(nodes.get(i), "/nodes/" + i);
            }
            plan.addEdges(edges);
        }
        return plan;
    }

    List<Problem.Violation> violations() {
        return violations;
    }

    void violation(String pointer, String message) {
        violations.add(new Problem.Violation(pointer, message));
    }

    private void addNode(GraphDocument.Node node, String pointer) {
        if (node == null) {
            violation(pointer, "must be an object");
            return;
        }
        if (node.id() == null || node.id().isBlank()) {
            violation(pointer + "/id", "must not be blank");
            return;
        }
        if (nodes.containsKey(node.id())) {
            violation(pointer + "/id", "'" + node.id() + "' is the id of another node");
            return;
        }
        Matcher reference = REFERENCE.matcher(node.id());
        if (reference.matches()) {
            addReference(node, reference, pointer);
        } else if (node.id().startsWith("author:") || node.id().startsWith("video:")) {
            violation(pointer + "/id", "'" + node.id() + "' is neither a client id nor a reference such as author:12");
        } else if (node.id().length() > CLIENT_ID_LENGTH) {
            violation(pointer + "/id", "must be at most " + CLIENT_ID_LENGTH + " characters");
        } else if ("author".equals(node.type())) {
            addNewAuthor(node, pointer);
        } else if ("video".equals(node.type())) {
            addNewVideo(node, pointer);
        } else {
            violation(pointer + "/type", node.type() == null ? "a new node needs a type: author or video"
                    : "'" + node.type() + "' is not a type: author or video");
        }
    }

    private void addReference(GraphDocument.Node node, Matcher reference, String pointer) {
        String type = reference.group(1);
        if (node.type() != null && !node.type().equals(type)) {
            violation(pointer + "/type", "'" + node.id() + "' is a reference to an existing " + type);
        }
        if (node.name() != null || node.code() != null || node.img() != null || node.score() != null) {
            violation(pointer, "a reference to an existing " + type + " carries no fields; an import only adds");
        }
        nodes.put(node.id(), reference(type, Long.valueOf(reference.group(2)), node.id(), pointer));
    }

    private PlannedRow reference(String type, Long id, String key, String pointer) {
        ("author".equals(type) ? existingAuthors : existingVideos).putIfAbsent(id, pointer);
        return new PlannedRow(key, type, id, null);
    }

    private void addNewAuthor(GraphDocument.Node node, String pointer) {
        text(node.name(), pointer + "/name", Author.NAME_LENGTH, true);
        forbidden(node.code(), pointer + "/code", "an author");
        forbidden(node.img(), pointer + "/img", "an author");
        forbidden(node.score(), pointer + "/score", "an author");
        PlannedRow ref = new PlannedRow(node.id(), "author", null, node);
        nodes.put(node.id(), ref);
        newAuthors.add(ref);
    }

    private void addNewVideo(GraphDocument.Node node, String pointer) {
        text(node.code(), pointer + "/code", Video.CODE_LENGTH, true);
        text(node.img(), pointer + "/img", Video.IMG_LENGTH, false);
        if (node.score() != null && !Float.isFinite(node.score())) {
            violation(pointer + "/score", "must be a finite number");
        }
        forbidden(node.name(), pointer + "/name", "a video");
        PlannedRow ref = new PlannedRow(node.id(), "video", null, node);
        nodes.put(node.id(), ref);
        newVideos.add(ref);
    }

    private void addEdges(List<GraphDocument.Edge> edges) {
        Map<String, String> uploaderOf = new HashMap<>();
        Map<String, String> featuredVideoOf = new HashMap<>();
        Map<String, String> featurerOf = new HashMap<>();
        Map<String, String> credits = new HashMap<>();
        for (int i = 0; i < edges.size(); i++) {
            GraphDocument.Edge edge = edges.get(i);
            String pointer = "/edges/" + i;
            if (edge == null) {
                violation(pointer, "must be an object");
                continue;
            }
            PlannedRow author = end(edge.from(), pointer + "/from", "author");
            PlannedRow video = end(edge.to(), pointer + "/to", "video");
            String kind = edge.kind();
            if (!GraphEdge.CREDIT.equals(kind) && !GraphEdge.UPLOAD.equals(kind) && !GraphEdge.FEATURED.equals(kind)) {
                violation(pointer + "/kind", kind == null ? "must be upload, featured or credit"
                        : "'" + kind + "' is not upload, featured or credit");
                continue;
            }
            if (GraphEdge.CREDIT.equals(kind)) {
                text(edge.extraData(), pointer + "/extraData", VideoAuthor.EXTRA_DATA_LENGTH, false);
            } else {
                forbidden(edge.extraData(), pointer + "/extraData", "an " + kind + " edge");
            }
            if (author == null || video == null) {
                continue;
            }
            boolean unique = switch (kind) {
                case GraphEdge.UPLOAD -> once(uploaderOf, video.key(), pointer, video.key() + " has another uploader");
                case GraphEdge.FEATURED -> once(featuredVideoOf, author.key(), pointer,
                        author.key() + " features another video")
                        && once(featurerOf, video.key(), pointer, video.key() + " is featured by another author");
                default -> once(credits, author.key() + ' ' + video.key(), pointer,
                        author.key() + " is credited on " + video.key() + " twice");
            };
            if (unique) {
                links.add(new PlannedEdge(author, video, kind, edge.extraData(), pointer));
            }
        }
    }

    /** The node an edge end names, if it is of the type that end needs. */
    private PlannedRow end(String key, String pointer, String type) {
        if (key == null || key.isBlank()) {
            violation(pointer, "must name a node");
            return null;
        }
        PlannedRow node = nodes.get(key);
        if (node == null) {
            Matcher reference = REFERENCE.matcher(key);
            if (!reference.matches()) {
                violation(pointer, "no node has the id '" + key + "'");
                return null;
            }
            node = reference(reference.group(1), Long.valueOf(reference.group(2)), key, pointer);
            nodes.put(key, node);
        }
        if (!node.type().equals(type)) {
            violation(pointer, "'" + key + "' is a " + node.type() + "; edges go from an author to a video");
            return null;
        }
        return node;
    }

    private boolean once(Map<String, String> firstPointers, String key, String pointer, String message) {
        String first = firstPointers.putIfAbsent(key, pointer);
        if (first != null) {
            violation(pointer, message + " (" + first + ")");
            return false;
        }
        return true;
    }

    private void text(String value, String pointer, int maxLength, boolean required) {
        if (value != null && PlainText.Validator.firstRefused(value) >= 0) {
            violation(pointer, PlainText.MESSAGE); // before blankness: U+2028 alone is blank to String.isBlank
        } else if (value == null || value.isBlank()) {
            if (required) {
                violation(pointer, "must not be blank");
            }
        } else if (value.length() > maxLength) {
            violation(pointer, "must be at most " + maxLength + " characters");
        }
    }

    private void forbidden(Object value, String pointer, String owner) {
        if (value != null) {
            violation(pointer, "is not a field of " + owner);
        }
    }
}

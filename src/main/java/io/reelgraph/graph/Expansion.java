package io.reelgraph.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.reelgraph.error.ApiException;

/**
 * The parsed {@code expand} parameter: a tree of relationship names, for example
 * {@code videos,credits.video.credits.author} as {@code videos, credits -> video -> credits -> author}. Parsing
 * checks every name against the relationships of the type it is applied to.
 */
public record Expansion(Map<String, Expansion> children) {

    public static final Expansion NONE = new Expansion(Map.of());

    /** Names in one path, {@code credits.video.credits.author} being four. */
    public static final int MAX_PATH_NAMES = 4;
    /** Bounds the parameter itself; the useful paths of both types fit many times over. */
    public static final int MAX_LENGTH = 500;

    /** What each name leads to, per type; the credit types are the links as seen from either end. */
    private static final Map<String, Map<String, String>> RELATIONSHIPS = Map.of(
            "author", Map.of("featuredVideo", "video", "videos", "video", "credits", "author credit"),
            "video", Map.of("author", "author", "featuredBy", "author", "credits", "video credit"),
            "author credit", Map.of("video", "video"),
            "video credit", Map.of("author", "author"));

    public static Expansion ofAuthor(String expand) {
        return parse(expand, "author");
    }

    public static Expansion ofVideo(String expand) {
        return parse(expand, "video");
    }

    private static Expansion parse(String expand, String rootType) {
        if (expand == null || expand.isBlank()) {
            return NONE;
        }
        if (expand.length() > MAX_LENGTH) {
            throw invalid("is longer than " + MAX_LENGTH + " characters");
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        for (String rawPath : expand.split(",", -1)) {
            String path = rawPath.strip();
            String[] names = path.split("\\.", -1);
            if (names.length > MAX_PATH_NAMES) {
                throw invalid("'" + path + "' is deeper than " + MAX_PATH_NAMES + " relationships");
            }
            String type = rootType;
            Map<String, Object> level = tree;
            for (String name : names) {
                String target = RELATIONSHIPS.get(type).get(name);
                if (target == null) {
                    throw invalid((name.isEmpty() ? "'" + path + "' has an empty relationship name"
                            : "'" + path + "' names an unknown relationship '" + name + "'")
                            + "; " + type + " relationships: " + RELATIONSHIPS.get(type).keySet().stream().sorted()
                                    .collect(Collectors.joining(", ")));
                }
                type = target;
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) level.computeIfAbsent(name, n -> new LinkedHashMap<>());
                level = next;
            }
        }
        return of(tree);
    }

    @SuppressWarnings("unchecked")
    private static Expansion of(Map<String, Object> tree) {
        Map<String, Expansion> children = new LinkedHashMap<>();
        tree.forEach((name, subtree) -> children.put(name, of((Map<String, Object>) subtree)));
        return new Expansion(Collections.unmodifiableMap(children));
    }

    private static ApiException invalid(String message) {
        return ApiException.invalid("expand", message);
    }

    public boolean has(String name) {
        return children.containsKey(name);
    }

    /** The expansion below {@code name}; {@link #NONE} if {@code name} is not expanded. */
    public Expansion child(String name) {
        return children.getOrDefault(name, NONE);
    }
}

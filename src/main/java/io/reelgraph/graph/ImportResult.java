package io.reelgraph.graph;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What {@code POST /graph} created.
 *
 * @param created each client id of the document and the id of the row created for it, {@code "a1": "author:12"}
 * @param nodes the authors and videos created
 * @param edges the links created
 */
@RegisterForReflection
public record ImportResult(Map<String, String> created, int nodes, int edges) {
}

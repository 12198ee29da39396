package io.reelgraph.graph;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A neighbourhood: its nodes in breadth-first order and every link between them.
 *
 * @param truncated whether the node limit left out nodes that are within the depth
 */
@RegisterForReflection
public record GraphView(List<GraphNode> nodes, List<GraphEdge> edges, boolean truncated) {
}

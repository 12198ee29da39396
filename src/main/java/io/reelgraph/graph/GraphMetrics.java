package io.reelgraph.graph;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How much graph the clients write: nodes (authors, videos) and edges (featured links, uploads, credits) created by
 * graph-creating requests, exported as {@code reelgraph_graph_nodes_created_total} and
 * {@code reelgraph_graph_edges_created_total}.
 */
@ApplicationScoped
public class GraphMetrics {

    private final Counter nodes;
    private final Counter edges;

    GraphMetrics(MeterRegistry registry) {
        nodes = Counter.builder("reelgraph.graph.nodes.created")
                .description("Authors and videos created by graph-creating requests").register(registry);
        edges = Counter.builder("reelgraph.graph.edges.created")
                .description("Featured links, uploads and credits created by graph-creating requests").register(registry);
    }

    public void created(int nodeCount, int edgeCount) {
        nodes.increment(nodeCount);
        edges.increment(edgeCount);
    }
}

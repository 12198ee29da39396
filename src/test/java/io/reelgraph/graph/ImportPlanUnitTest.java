package io.reelgraph.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.reelgraph.error.Problem;

/** The checks of a {@code POST /graph} document before anything is read or written: each violation with its pointer. */
class ImportPlanUnitTest {

    private static GraphDocument.Node author(String id, String name) {
        return new GraphDocument.Node(id, "author", name, null, null, null);
    }

    private static GraphDocument.Node video(String id, String code) {
        return new GraphDocument.Node(id, "video", null, code, null, null);
    }

    private static GraphDocument.Edge edge(String from, String to, String kind) {
        return new GraphDocument.Edge(from, to, kind, null);
    }

    @Test
    void aValidDocumentPlansItsNodesReferencesAndLinks() {
        ImportPlan plan = ImportPlan.of(new GraphDocument(List.of(author("a", "ann"), video("v", "v1")),
                List.of(edge("a", "v", "upload"), edge("a", "video:9", "featured"),
                        new GraphDocument.Edge("author:4", "v", "credit", "guest"))));
        assertEquals(List.of(), plan.violations());
        assertEquals(List.of("a"), plan.newAuthors.stream().map(ImportPlan.PlannedRow::key).toList());
        assertEquals(List.of("v"), plan.newVideos.stream().map(ImportPlan.PlannedRow::key).toList());
        assertEquals(List.of(4L), List.copyOf(plan.existingAuthors.keySet()));
        assertEquals("/edges/1/to", plan.existingVideos.get(9L));
        assertEquals(List.of("upload", "featured", "credit"), plan.links.stream().map(ImportPlan.PlannedEdge::kind).toList());
    }

    @Test
    void everyViolationIsReportedWithItsPointer() {
        ImportPlan plan = ImportPlan.of(new GraphDocument(
                List.of(author("a", "ann"), author("a", "again"), video("v", " "), video("w", "w1"),
                        new GraphDocument.Node("author:1", null, "a name", null, null, null)),
                List.of(edge("a", "v", "upload"), edge("a", "w", "upload"), edge("a", "w", "upload"),
                        edge("v", "w", "credit"), edge("a", "nobody", "featured"), edge("a", "w", "likes"),
                        new GraphDocument.Edge("a", "w", "upload", "data"))));
        List<String> pointers = plan.violations().stream().map(Problem.Violation::field).toList();
        assertEquals(List.of("/nodes/1/id", "/nodes/2/code", "/nodes/4", "/edges/2", "/edges/3/from", "/edges/4/to",
                "/edges/5/kind", "/edges/6/extraData", "/edges/6"), pointers, plan.violations().toString());
        assertTrue(plan.violations().get(3).message().contains("w has another uploader (/edges/1)"),
                plan.violations().get(3).message());
    }

    @Test
    void anEmptyDocumentIsRefused() {
        assertEquals(List.of(new Problem.Violation("", "an import needs at least one node or edge")),
                ImportPlan.of(new GraphDocument(null, List.of())).violations());
    }
}

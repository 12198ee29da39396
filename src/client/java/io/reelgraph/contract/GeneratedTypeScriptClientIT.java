package io.reelgraph.contract;

import static io.reelgraph.support.Processes.run;
import static io.reelgraph.support.Processes.works;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reelgraph.devdb.EmbeddedMariaDbTestResource;
import io.reelgraph.support.Jdbc;
import io.reelgraph.support.PackagedApp;
import io.reelgraph.support.Tokens;

/**
 * The TypeScript client that OpenAPI Generator makes from the contract (typescript-fetch: target/clients/typescript)
 * compiles with the strict TypeScript compiler (from npm, the version the POM names), and its use in
 * {@code src/client/typescript/replay.ts} (the note's scripts, a list by cursor, expand, the graph, a 409 and a 412)
 * runs under Node against the packaged application. The rows it made are checked here.
 */
class GeneratedTypeScriptClientIT {

    private static final Path TSC = Path.of("target/clients/tsc/node_modules/.bin/tsc");

    @Test
    void theGeneratedClientCompilesAndReplaysTheScripts() throws Exception {
        if (!works("node", "-e", "if (typeof fetch !== 'function') process.exit(1)") || !works("npm", "--version")) {
            // CI has them (.ci/run says so); a machine with only Java runs every other test
            assertNull(System.getenv("REELGRAPH_REQUIRE_NODE"), "Node 18 or newer and npm are required");
            Assumptions.abort("Node 18 or newer and npm are not installed: the TypeScript client is not compiled");
        }
        if (!Files.isExecutable(TSC)) {
            run(Map.of(), "npm", "install", "--prefix", "target/clients/tsc", "--no-audit", "--no-fund", "--silent",
                    "typescript@" + System.getProperty("typescript.version"));
        }
        run(Map.of(), TSC.toString(), "-p", "src/client/typescript/tsconfig.json");

        Map<String, String> config = EmbeddedMariaDbTestResource.ownDatabase("reelgraph_ts_client");
        JsonNode made;
        try (PackagedApp app = PackagedApp.start(config, List.of(), "generated-ts-client.log")) {
            List<String> output = run(Map.of("REELGRAPH_URL", "http://localhost:" + app.port(),
                    "REELGRAPH_TOKEN", Tokens.editorJwt()),
                    "node", "target/clients/typescript-build/src/client/typescript/replay.js");
            made = new ObjectMapper().readTree(output.get(output.size() - 1));
        }

        Jdbc db = new Jdbc(config);
        assertEquals(List.of(Map.of("code", "new_video")), db.rows("SELECT v.code FROM author a"
                + " JOIN video v ON v.id = a.featured_video_id WHERE a.id = ?", made.get("featuring").asLong()));
        assertEquals(List.of(Map.of("code", "video a"), Map.of("code", "video b")),
                db.rows("SELECT code FROM video WHERE author_id = ? ORDER BY id", made.get("uploader").asLong()));
        assertEquals(List.of(Map.of("name", "author a", "extra_data", "changed")), db.rows("SELECT a.name,"
                + " c.extra_data FROM video_author c JOIN author a ON a.id = c.author_id WHERE c.video_id = ?",
                made.get("credited").asLong()));
        assertEquals(List.of(Map.of("code", "imported")),
                db.rows("SELECT code FROM video WHERE author_id = ?", made.get("importer").asLong()));
        assertEquals(List.of(Map.of("name", "renamed")),
                db.rows("SELECT name FROM author WHERE id = ?", made.get("renamed").asLong()));
    }
}

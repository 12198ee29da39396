package io.reelgraph.observability;

import static io.reelgraph.support.Api.get;
import static io.reelgraph.support.Api.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.reelgraph.support.Api;

/**
 * Every query of the alert rules and of the Grafana dashboard (docs/monitoring) selects metrics the running service
 * really exports, by labels those metrics really have, and only this service's (application="reelgraph"): a renamed
 * metric or label fails the build instead of leaving an alert that never fires or an empty panel.
 */
@QuarkusTest
class MonitoringFilesTest {

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    /** Labels Prometheus itself adds to every scraped series. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");

    @Test
    void theAlertRulesSelectWhatTheServiceExports() throws IOException {
        List<String> expressions = new ArrayList<>();
        new YAMLMapper().readTree(Path.of("docs/monitoring/alerts.yml").toFile()).get("groups")
                .forEach(group -> group.get("rules").forEach(rule -> expressions.add(rule.get("expr").asText())));
        assertTrue(expressions.size() >= 8, "the rules: " + expressions);
        checkAgainstExport(expressions);
    }

    @Test
    void theDashboardSelectsWhatTheServiceExports() throws IOException {
        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("docs/monitoring/grafana-dashboard.json").toFile());
        dashboard.get("panels").forEach(panel -> panel.get("targets")
                .forEach(target -> expressions.add(target.get("expr").asText())));
        assertTrue(expressions.size() >= 10, "the panels' queries: " + expressions);
        checkAgainstExport(expressions);
    }

    private static void checkAgainstExport(List<String> expressions) {
        Map<String, Set<String>> exported = exportedMetrics();
        for (String expression : expressions) {
            Set<String> labelsInScope = new HashSet<>(TARGET_LABELS);
            Matcher selector = SELECTOR.matcher(expression);
            int selectors = 0;
            while (selector.find()) {
                selectors++;
                String metric = selector.group(1);
                assertTrue(exported.containsKey(metric), "'" + metric + "' is not exported; in " + expression);
                assertTrue(selector.group(2).contains("application=\"reelgraph\""),
                        "'" + metric + "' not narrowed to this service; in " + expression);
                Matcher label = MATCHER.matcher(selector.group(2));
                while (label.find()) {
                    assertTrue(exported.get(metric).contains(label.group(1)),
                            "'" + metric + "' has no label '" + label.group(1) + "': " + exported.get(metric));
                }
                labelsInScope.addAll(exported.get(metric));
            }
            assertTrue(selectors > 0, "no metric selected by " + expression);
            for (String metric : exported.keySet()) {
                assertFalse(Pattern.compile("\\b" + Pattern.quote(metric) + "\\b(?!\\{)").matcher(expression).find(),
                        "'" + metric + "' without a selector in " + expression);
            }
            Matcher grouping = GROUPING.matcher(expression);
            while (grouping.find()) {
                for (String label : grouping.group(1).split(",")) {
                    assertTrue(labelsInScope.contains(label.strip()),
                            "grouped by '" + label.strip() + "', a label none of its metrics has: " + expression);
                }
            }
        }
    }

    /** Each metric the service exports now, with its labels, after requests that give each kind of series. */
    private static Map<String, Set<String>> exportedMetrics() {
        long author = Api.createAuthor(Api.unique("scraped"));
        get("/authors/" + author).statusCode(200);
        get("/authors/999999999").statusCode(404);
        post("/authors", "{\"name\":\"x\",\"credits\":[{\"videoId\":999999999}]}");
        Map<String, Set<String>> metrics = new HashMap<>();
        Pattern series = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)})?\\s");
        for (String line : given().get("/q/metrics").then().statusCode(200).extract().asString().split("\n")) {
            Matcher matcher = series.matcher(line);
            if (line.startsWith("#") || !matcher.find()) {
                continue;
            }
            Set<String> labels = metrics.computeIfAbsent(matcher.group(1), name -> new HashSet<>());
            if (matcher.group(2) != null) {
                Matcher label = MATCHER.matcher(matcher.group(2));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        assertEquals(Set.of("application", "method", "uri", "status", "outcome", "problem", "streamed", "le"),
                metrics.get("http_server_requests_seconds_bucket"), "the request metrics' labels");
        return metrics;
    }
}

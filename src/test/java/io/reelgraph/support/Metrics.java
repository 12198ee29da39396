package io.reelgraph.support;

import static io.restassured.RestAssured.given;

import java.util.Arrays;

/** Reads the service's own metrics ({@code /q/metrics}, Prometheus text). */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The sum of the samples of metric {@code name} over its series that carry all of {@code labels}
     * ({@code status="413"}); 0 when there are none. An exemplar after a sample ({@code # {trace_id=...} ...}) is not
     * part of it.
     */
    public static double sum(String name, String... labels) {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> !line.startsWith("#"))
                .map(line -> line.contains(" # ") ? line.substring(0, line.indexOf(" # ")) : line)
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> Arrays.stream(labels).allMatch(label -> line.substring(0, line.lastIndexOf(' '))
                        .contains(label)))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}

package io.reelgraph.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Gives the Jobs Quarkus generates for its init tasks (the Flyway migration) the security settings of the Deployment
 * they serve: the pod's {@code securityContext} and the application container's. Quarkus 3.33 copies the image, the
 * environment, the volumes and the service account into such a Job, but not these (quarkusio/quarkus#41181), and a
 * Job given in {@code src/main/kubernetes} replaces the generated one, image included, so no configuration can. The
 * build (pom.xml, execution {@code init-job-security}) runs this file with {@code java} on
 * {@code target/kubernetes/kubernetes.yml} and {@code .json} right after Quarkus writes them; it is not part of the
 * application. Delete it once Quarkus copies the settings itself.
 */
public final class InitJobSecurity {

    public static void main(String[] args) throws IOException {
        Path manifests = Path.of(args[0]);
        YAMLMapper yaml = YAMLMapper.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR).build();
        Path yml = manifests.resolve("kubernetes.yml");
        List<JsonNode> resources = new ArrayList<>();
        try (var documents = yaml.readerFor(JsonNode.class).<JsonNode> readValues(yml.toFile())) {
            documents.forEachRemaining(resources::add);
        }
        secure(resources);
        try (var documents = yaml.writer().writeValues(yml.toFile())) {
            documents.writeAll(resources);
        }

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path list = manifests.resolve("kubernetes.json");
        List<JsonNode> items = new ArrayList<>();
        json.readTree(list.toFile()).forEach(items::add);
        secure(items);
        json.writeValue(list.toFile(), items);
    }

    /** Each Job's pod and containers without a security context get the only Deployment's. */
    private static void secure(List<JsonNode> resources) {
        List<JsonNode> deployments = resources.stream().filter(r -> "Deployment".equals(r.path("kind").asText())).toList();
        if (deployments.size() != 1) {
            throw new IllegalStateException("expected one Deployment, found " + deployments.size());
        }
        JsonNode deployment = deployments.get(0);
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode application = null;
        for (JsonNode container : pod.path("containers")) {
            if (container.path("name").asText().equals(deployment.at("/metadata/name").asText())) {
                application = container.path("securityContext");
            }
        }
        if (application == null || application.isMissingNode() || pod.path("securityContext").isMissingNode()) {
            throw new IllegalStateException("the Deployment has no security context to copy");
        }
        for (JsonNode resource : resources) {
            if ("Job".equals(resource.path("kind").asText())) {
                ObjectNode jobPod = (ObjectNode) resource.at("/spec/template/spec");
                if (!jobPod.has("securityContext")) {
                    jobPod.set("securityContext", pod.get("securityContext").deepCopy());
                }
                for (JsonNode container : jobPod.path("containers")) {
                    if (!container.has("securityContext")) {
                        ((ObjectNode) container).set("securityContext", application.deepCopy());
                    }
                }
            }
        }
    }
}

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
 * Gives the Jobs Quarkus generates for its init tasks (the Flyway migration) the settings of the Deployment they
 * serve that Quarkus leaves out: the pod's {@code securityContext}, and the application container's
 * {@code securityContext} and {@code resources}. Quarkus 3.33 copies the image, the environment, the volumes and the
 * service account into such a Job, but not these (quarkusio/quarkus#41181), and a Job given in
 * {@code src/main/kubernetes} replaces the generated one, image included, so no configuration can. The build
 * (pom.xml, execution {@code init-job-security}) runs this file with {@code java} right after Quarkus writes
 * {@code target/kubernetes}: it reads {@code kubernetes.json} (exactly typed) and writes it and
 * {@code kubernetes.yml} from the same resources. It is not part of the application. Delete it once Quarkus copies
 * the settings itself.
 */
public final class InitJobSecurity {

    private static final List<String> COPIED = List.of("securityContext", "resources");

    public static void main(String[] args) throws IOException {
        Path manifests = Path.of(args[0]);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path list = manifests.resolve("kubernetes.json");
        List<JsonNode> resources = new ArrayList<>();
        json.readTree(list.toFile()).forEach(resources::add);
        secure(resources);
        json.writeValue(list.toFile(), resources);

        YAMLMapper yaml = YAMLMapper.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR).build();
        try (var documents = yaml.writer().writeValues(manifests.resolve("kubernetes.yml").toFile())) {
            documents.writeAll(resources);
        }
    }

    /** Each Job's pod and containers get what they lack of the only Deployment's. */
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
                application = container;
            }
        }
        if (application == null || !application.has("securityContext") || !pod.has("securityContext")) {
            throw new IllegalStateException("the Deployment has no security context to copy");
        }
        for (JsonNode resource : resources) {
            if ("Job".equals(resource.path("kind").asText())) {
                ObjectNode jobPod = (ObjectNode) resource.at("/spec/template/spec");
                if (!jobPod.has("securityContext")) {
                    jobPod.set("securityContext", pod.get("securityContext").deepCopy());
                }
                for (JsonNode container : jobPod.path("containers")) {
                    for (String field : COPIED) {
                        if (!container.has(field) && application.has(field)) {
                            ((ObjectNode) container).set(field, application.get(field).deepCopy());
                        }
                    }
                }
            }
        }
    }
}

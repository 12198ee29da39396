package io.reelgraph.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The manifest that {@code ./mvnw package} writes: what a cluster needs to run the service safely. */
class KubernetesManifestIT {

    private static final List<JsonNode> RESOURCES = new ArrayList<>();

    @BeforeAll
    static void readManifest() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class)
                .readValues(Path.of("target/kubernetes/kubernetes.yml").toFile())) {
            documents.forEachRemaining(RESOURCES::add);
        }
    }

    @Test
    void deploymentProbesTheHealthEndpoints() {
        JsonNode container = container();
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText());
        assertEquals(8080, container.at("/readinessProbe/httpGet/port").asInt());
    }

    @Test
    void datasourceComesFromSecretAndConfigMapNeverFromTheImage() {
        JsonNode container = container();
        Set<String> envFrom = new HashSet<>();
        container.get("envFrom").forEach(source -> source.fields()
                .forEachRemaining(ref -> envFrom.add(ref.getKey() + "/" + ref.getValue().get("name").asText())));
        assertEquals(Set.of("secretRef/reelgraph-db", "configMapRef/reelgraph-config"), envFrom);

        Set<String> literalEnv = new HashSet<>();
        container.path("env").forEach(env -> literalEnv.add(env.get("name").asText()));
        assertFalse(literalEnv.stream().anyMatch(name -> name.contains("PASSWORD") || name.contains("USERNAME")),
                "no credentials as literal env: " + literalEnv);

        JsonNode config = resource("ConfigMap", "reelgraph-config").get("data");
        assertTrue(config.get("QUARKUS_DATASOURCE_REACTIVE_URL").asText().startsWith("mysql://"));
        assertTrue(config.get("QUARKUS_DATASOURCE_JDBC_URL").asText().startsWith("jdbc:mariadb://"));
        assertTrue(RESOURCES.stream().noneMatch(r -> r.get("kind").asText().equals("Secret")),
                "the Secret is created out of band, not shipped");
    }

    @Test
    void imageResourcesAndService() {
        JsonNode container = container();
        assertEquals("docker.io/reelgraph/reelgraph:1.0.0-SNAPSHOT", container.get("image").asText());
        assertEquals("320Mi", container.at("/resources/requests/memory").asText());
        assertEquals("512Mi", container.at("/resources/limits/memory").asText());
        assertEquals(2, resource("Deployment", "reelgraph").at("/spec/replicas").asInt());
        assertFalse(resource("Deployment", "reelgraph").at("/spec/selector/matchLabels")
                .has("app.kubernetes.io/version"), "a versioned selector breaks upgrades");
        assertEquals(8080, resource("Service", "reelgraph").at("/spec/ports/0/targetPort").asInt());
    }

    @Test
    void theJvmExitsOnAnOutOfMemoryErrorAndTheContainerIsRestarted() throws IOException {
        JsonNode container = container();
        String javaOpts = env(container, "JAVA_OPTS");
        assertNotNull(javaOpts, "the Deployment sets no JAVA_OPTS");
        assertTrue(ContainerFilesIT.exitsOnOutOfMemoryError(javaOpts), javaOpts);
        // the Deployment's variable replaces the image's, so it must carry the image's other options as well
        assertEquals(ContainerFilesIT.jvmImageJavaOpts(), javaOpts);
        assertEquals(ContainerFilesIT.jvmImageEnv("MALLOC_ARENA_MAX"), env(container, "MALLOC_ARENA_MAX"));
        JsonNode restartPolicy = resource("Deployment", "reelgraph").at("/spec/template/spec/restartPolicy");
        assertTrue(restartPolicy.isMissingNode() || restartPolicy.asText().equals("Always"), restartPolicy.toString());
    }

    /** Flyway's lock holds on one Galera node only: replicas never migrate, one Job does, and they wait for it. */
    @Test
    void migrationsRunOnceInAJobOfTheSameImageThatTheReplicasWaitFor() {
        JsonNode job = resource("Job", "reelgraph-flyway-init").at("/spec/template/spec");
        JsonNode migrator = job.at("/containers/0");
        assertEquals(container().get("image").asText(), migrator.get("image").asText());
        assertEquals("true", env(migrator, "QUARKUS_INIT_AND_EXIT"), "migrates, then exits");
        assertEquals("true", env(migrator, "QUARKUS_FLYWAY_ACTIVE"));
        assertEquals(container().get("envFrom"), migrator.get("envFrom"), "the same database as the replicas");
        assertEquals("false", env(container(), "QUARKUS_FLYWAY_ACTIVE"), "replicas do not migrate");

        JsonNode pod = resource("Deployment", "reelgraph").at("/spec/template/spec");
        List<String> waitFor = new ArrayList<>();
        pod.at("/initContainers/0/args").forEach(arg -> waitFor.add(arg.asText()));
        assertEquals(List.of("job", "reelgraph-flyway-init"), waitFor);
        // the init container reads the Job's status with the pod's service account, allowed to get jobs and no more
        String account = pod.get("serviceAccountName").asText();
        JsonNode binding = resource("RoleBinding", account + "-view-jobs");
        assertEquals(account, binding.at("/subjects/0/name").asText());
        JsonNode rules = resource("Role", binding.at("/roleRef/name").asText()).get("rules");
        assertEquals(1, rules.size(), rules.toString());
        assertEquals("[\"batch\"] [\"jobs\"] [\"get\"]", rules.at("/0/apiGroups") + " " + rules.at("/0/resources") + " "
                + rules.at("/0/verbs"));
        Set<String> kinds = RESOURCES.stream().map(r -> r.get("kind").asText()).collect(Collectors.toSet());
        assertEquals(Set.of("ConfigMap", "Service", "Deployment", "Job", "ServiceAccount", "Role", "RoleBinding",
                "PodDisruptionBudget"), kinds);
    }

    @Test
    void replicasSpreadOverNodesAndADrainLeavesOneServing() {
        JsonNode labels = resource("Deployment", "reelgraph").at("/spec/template/metadata/labels");
        JsonNode budget = resource("PodDisruptionBudget", "reelgraph").get("spec");
        assertEquals(1, budget.get("minAvailable").asInt());
        assertEquals(labels.get("app.kubernetes.io/name"), budget.at("/selector/matchLabels/app.kubernetes.io~1name"));

        JsonNode spread = resource("Deployment", "reelgraph")
                .at("/spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0");
        assertEquals("kubernetes.io/hostname", spread.at("/podAffinityTerm/topologyKey").asText());
        assertEquals(labels.get("app.kubernetes.io/name"),
                spread.at("/podAffinityTerm/labelSelector/matchLabels/app.kubernetes.io~1name"));
    }

    /** The literal value of the container's environment variable, or null when it sets none. */
    private static String env(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (env.get("name").asText().equals(name)) {
                return env.path("value").asText(null);
            }
        }
        return null;
    }

    private static JsonNode container() {
        return resource("Deployment", "reelgraph").at("/spec/template/spec/containers/0");
    }

    private static JsonNode resource(String kind, String name) {
        return RESOURCES.stream()
                .filter(r -> r.get("kind").asText().equals(kind) && r.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the manifest"));
    }
}

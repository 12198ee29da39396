package io.reelgraph.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

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
        assertEquals(container().get("resources"), migrator.get("resources"), "a quota admits it; its heap is bounded");
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
                "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy"), kinds);
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

    /**
     * Every pod the manifest makes, the replicas' and the migration Job's, passes the Pod Security Standards'
     * "restricted" profile, rule by rule as kubernetes.io documents them (concepts/security/pod-security-standards), so
     * a namespace enforcing it admits them. The Job's settings are the Deployment's, copied by the build
     * (src/build/java/io/reelgraph/build/InitJobSecurity.java, quarkusio/quarkus#41181).
     */
    @Test
    void everyPodPassesThePodSecurityStandardsRestrictedProfile() {
        List<JsonNode> pods = RESOURCES.stream().filter(r -> r.at("/spec/template/spec").isObject()).toList();
        assertEquals(Set.of("Deployment", "Job"), pods.stream().map(r -> r.get("kind").asText()).collect(Collectors.toSet()));
        for (JsonNode resource : pods) {
            List<String> violations = restrictedViolations(resource.at("/spec/template"));
            assertTrue(violations.isEmpty(), "the pod of " + resource.get("kind").asText() + " "
                    + resource.at("/metadata/name").asText() + " breaks the restricted profile: " + violations);
        }
    }

    /** kubernetes.yml and kubernetes.json describe the same resources: the build rewrites both. */
    @Test
    void theYamlAndTheJsonManifestsAgree() throws IOException {
        List<JsonNode> listed = new ArrayList<>();
        new ObjectMapper().readTree(Path.of("target/kubernetes/kubernetes.json").toFile()).forEach(listed::add);
        assertEquals(RESOURCES, listed);
    }

    /** The checker itself: a compliant pod passes, and each single breach of a rule is named. */
    @ParameterizedTest
    @ValueSource(strings = { "{}", "{\"spec\":{\"hostNetwork\":true}}",
            "{\"spec\":{\"securityContext\":{\"runAsNonRoot\":false}}}",
            "{\"spec\":{\"securityContext\":{\"runAsUser\":0}}}",
            "{\"spec\":{\"volumes\":[{\"name\":\"h\",\"hostPath\":{\"path\":\"/\"}}]}}",
            "{\"spec\":{\"securityContext\":{\"sysctls\":[{\"name\":\"kernel.msgmax\",\"value\":\"1\"}]}}}",
            "{\"container\":{\"securityContext\":{\"seccompProfile\":{\"type\":\"Unconfined\"}}}}",
            "{\"container\":{\"securityContext\":{\"allowPrivilegeEscalation\":null}}}",
            "{\"container\":{\"securityContext\":{\"privileged\":true}}}",
            "{\"container\":{\"securityContext\":{\"capabilities\":{\"drop\":[\"NET_RAW\"]}}}}",
            "{\"container\":{\"securityContext\":{\"capabilities\":{\"add\":[\"SYS_ADMIN\"]}}}}",
            "{\"container\":{\"ports\":[{\"containerPort\":80,\"hostPort\":80}]}}",
            "{\"container\":{\"livenessProbe\":{\"httpGet\":{\"host\":\"10.0.0.1\",\"port\":80}}}}",
            "{\"metadata\":{\"annotations\":{\"container.apparmor.security.beta.kubernetes.io/c\":\"unconfined\"}}}" })
    void theRestrictedCheckerNamesEachBreach(String breach) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode compliant = (ObjectNode) json.readTree("{\"metadata\":{},\"spec\":{\"securityContext\":"
                + "{\"runAsNonRoot\":true,\"runAsUser\":185,\"seccompProfile\":{\"type\":\"RuntimeDefault\"}},"
                + "\"containers\":[{\"name\":\"c\",\"securityContext\":{\"allowPrivilegeEscalation\":false,"
                + "\"capabilities\":{\"drop\":[\"ALL\"]}}}]}}");
        JsonNode change = json.readTree(breach);
        ObjectNode pod = compliant.deepCopy();
        if (change.has("container")) {
            ObjectNode container = (ObjectNode) pod.at("/spec/containers/0");
            merge(container, change.get("container"));
        } else {
            merge(pod, change);
        }
        List<String> violations = restrictedViolations(pod);
        assertEquals(breach.equals("{}"), violations.isEmpty(), breach + " gave " + violations);
    }

    /** Copies {@code change}'s fields into {@code target}, objects recursively (a null removes the field). */
    private static void merge(ObjectNode target, JsonNode change) {
        change.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                target.remove(field.getKey());
            } else if (field.getValue().isObject() && target.path(field.getKey()).isObject()) {
                merge((ObjectNode) target.get(field.getKey()), field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        });
    }

    /** The replicas' and the migration's root filesystems are read-only; the JVM's /tmp is an emptyDir. */
    @ParameterizedTest
    @ValueSource(strings = { "Deployment reelgraph", "Job reelgraph-flyway-init" })
    void theJvmsWriteOnlyToAnEmptyDirTmp(String kindAndName) {
        JsonNode pod = resource(kindAndName.split(" ")[0], kindAndName.split(" ")[1]).at("/spec/template/spec");
        for (JsonNode container : containers(pod)) {
            assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(),
                    container.get("name").asText() + " may write to its root filesystem");
        }
        JsonNode tmp = stream(pod.at("/containers/0/volumeMounts"))
                .filter(mount -> mount.get("mountPath").asText().equals("/tmp")).findFirst()
                .orElseThrow(() -> new AssertionError("no /tmp for the JVM"));
        assertTrue(stream(pod.path("volumes")).anyMatch(volume -> volume.get("name").equals(tmp.get("name"))
                && volume.has("emptyDir")), "/tmp is not an emptyDir: " + pod.path("volumes"));
    }

    @Test
    void anAutoscalerBetweenTwoAndWhatTheDatabaseTakes() throws IOException {
        JsonNode hpa = resource("HorizontalPodAutoscaler", "reelgraph").get("spec");
        assertEquals("Deployment/reelgraph", hpa.at("/scaleTargetRef/kind").asText() + "/"
                + hpa.at("/scaleTargetRef/name").asText());
        assertEquals(2, hpa.get("minReplicas").asInt());
        // at the ceiling, a rollout's surging pod and a draining one also hold their pools: all under MariaDB's
        // default max_connections (151)
        JsonNode maxSurge = resource("Deployment", "reelgraph").at("/spec/strategy/rollingUpdate/maxSurge");
        int surge = 1;
        for (int replicas = hpa.get("minReplicas").asInt(); replicas <= hpa.get("maxReplicas").asInt(); replicas++) {
            assertEquals(surge, surgingPods(maxSurge, replicas), "pods added at once with " + replicas + " replicas");
        }
        Properties configuration = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            configuration.load(reader);
        }
        int pool = Integer.parseInt(configuration.getProperty("quarkus.datasource.reactive.max-size"));
        assertTrue((hpa.get("maxReplicas").asInt() + surge + 1) * pool < 151, hpa + ", pools of " + pool);
        assertEquals("cpu", hpa.at("/metrics/0/resource/name").asText());
        assertEquals(70, hpa.at("/metrics/0/resource/target/averageUtilization").asInt());
    }

    /**
     * The pods a rollout adds at once: an int, or a percentage of the replicas rounded up. The API server refuses any
     * other string ("1" among them), so a quoted number here would make the Deployment fail to apply.
     */
    private static int surgingPods(JsonNode maxSurge, int replicas) {
        if (maxSurge.isInt()) {
            return maxSurge.asInt();
        }
        assertTrue(maxSurge.isTextual() && maxSurge.asText().matches("[0-9]+%"),
                "maxSurge must be an integer or a percentage: " + maxSurge);
        int percent = Integer.parseInt(maxSurge.asText().replace("%", ""));
        return (percent * replicas + 99) / 100;
    }

    @Test
    void theNetworkPolicyLetsInHttpAndOutOnlyTheDatabaseDnsAndTheApi() throws IOException {
        JsonNode policy = resource("NetworkPolicy", "reelgraph").get("spec");
        assertEquals(resource("Deployment", "reelgraph").at("/spec/template/metadata/labels/app.kubernetes.io~1name"),
                policy.at("/podSelector/matchLabels/app.kubernetes.io~1name"));
        assertEquals("[\"Ingress\",\"Egress\"]", policy.get("policyTypes").toString());
        assertEquals(Set.of("TCP/8080"), ports(policy.get("ingress")));
        assertEquals(Set.of("TCP/3306", "UDP/53", "TCP/53", "TCP/443", "TCP/6443"), ports(policy.get("egress")));

        // with a collector, a policy of its own adds its port, for the same pods
        JsonNode collector = new YAMLMapper().readTree(Path.of("target/kubernetes/reelgraph-otlp-egress.yml").toFile());
        assertEquals("NetworkPolicy", collector.get("kind").asText());
        assertEquals(policy.get("podSelector"), collector.at("/spec/podSelector"));
        assertEquals("[\"Egress\"]", collector.at("/spec/policyTypes").toString());
        assertEquals(Set.of("TCP/4317"), ports(collector.at("/spec/egress")));
    }

    /** The Prometheus Operator's PrometheusRule carries the plain rules file's groups unchanged (pom.xml makes it). */
    @Test
    void thePrometheusRuleIsTheAlertRulesFile() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode rule = yaml.readTree(Path.of("target/kubernetes/reelgraph-prometheus-rule.yml").toFile());
        assertEquals("monitoring.coreos.com/v1", rule.get("apiVersion").asText());
        assertEquals("PrometheusRule", rule.get("kind").asText());
        assertEquals(yaml.readTree(Path.of("docs/monitoring/alerts.yml").toFile()).get("groups"),
                rule.at("/spec/groups"));
    }

    /** The ports of a policy's rules as PROTOCOL/port; a rule without ports (everything) fails the test. */
    private static Set<String> ports(JsonNode rules) {
        Set<String> ports = new HashSet<>();
        for (JsonNode rule : rules) {
            assertFalse(rule.path("ports").isEmpty(), "a rule open on every port: " + rule);
            rule.get("ports").forEach(port -> {
                assertTrue(port.get("port").asInt() > 0, "not a port number: " + port);
                ports.add(port.get("protocol").asText() + "/" + port.get("port").asInt());
            });
        }
        return ports;
    }

    /**
     * What in a pod template (metadata and spec) the restricted profile, which includes the baseline one, forbids, in
     * words: the rules of Kubernetes 1.33 for Linux pods.
     */
    private static List<String> restrictedViolations(JsonNode template) {
        List<String> violations = new ArrayList<>();
        JsonNode pod = template.path("spec");
        template.at("/metadata/annotations").fields().forEachRemaining(annotation -> {
            String value = annotation.getValue().asText();
            if (annotation.getKey().startsWith("container.apparmor.security.beta.kubernetes.io/")
                    && !value.equals("runtime/default") && !value.startsWith("localhost/")) {
                violations.add("AppArmor annotation " + annotation.getKey() + ": " + value);
            }
        });
        for (String hostNamespace : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (pod.path(hostNamespace).asBoolean()) {
                violations.add(hostNamespace);
            }
        }
        Set<String> volumeTypes = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image",
                "persistentVolumeClaim", "projected", "secret");
        for (JsonNode volume : pod.path("volumes")) {
            volume.fieldNames().forEachRemaining(field -> {
                if (!field.equals("name") && !volumeTypes.contains(field)) {
                    violations.add("volume " + volume.get("name").asText() + " of type " + field);
                }
            });
        }
        JsonNode podContext = pod.path("securityContext");
        Set<String> safeSysctls = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
                "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
                "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
                "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem",
                "net.ipv4.tcp_wmem");
        podContext.path("sysctls").forEach(sysctl -> {
            if (!safeSysctls.contains(sysctl.get("name").asText())) {
                violations.add("sysctl " + sysctl.get("name").asText());
            }
        });
        commonContextViolations("pod", podContext, violations);
        if (podContext.has("runAsNonRoot") && !podContext.get("runAsNonRoot").asBoolean()) {
            violations.add("pod runAsNonRoot: false");
        }
        for (JsonNode container : containers(pod)) {
            String name = "container " + container.get("name").asText();
            JsonNode context = container.path("securityContext");
            commonContextViolations(name, context, violations);
            if (context.path("privileged").asBoolean()) {
                violations.add(name + " privileged");
            }
            if (!context.path("allowPrivilegeEscalation").isBoolean() || context.get("allowPrivilegeEscalation")
                    .asBoolean()) {
                violations.add(name + " without allowPrivilegeEscalation: false");
            }
            if (!stream(context.at("/capabilities/drop")).anyMatch(drop -> drop.asText().equals("ALL"))) {
                violations.add(name + " does not drop ALL capabilities");
            }
            context.at("/capabilities/add").forEach(add -> {
                if (!add.asText().equals("NET_BIND_SERVICE")) {
                    violations.add(name + " adds capability " + add.asText());
                }
            });
            if (!context.path("procMount").asText("Default").equals("Default")) {
                violations.add(name + " procMount " + context.get("procMount").asText());
            }
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe", "lifecycle/postStart",
                    "lifecycle/preStop")) {
                for (String handler : List.of("httpGet", "tcpSocket")) {
                    if (!container.at("/" + probe + "/" + handler + "/host").asText("").isEmpty()) {
                        violations.add(name + " " + probe + " on another host");
                    }
                }
            }
            container.path("ports").forEach(port -> {
                if (port.path("hostPort").asInt(0) != 0) {
                    violations.add(name + " hostPort " + port.get("hostPort").asInt());
                }
            });
            // runAsNonRoot and the seccomp profile: the container's own, else the pod's
            JsonNode nonRoot = context.has("runAsNonRoot") ? context.get("runAsNonRoot") : podContext.path("runAsNonRoot");
            if (!nonRoot.asBoolean()) {
                violations.add(name + " may run as root (runAsNonRoot is not true)");
            }
            String seccomp = context.at("/seccompProfile/type").asText(podContext.at("/seccompProfile/type").asText());
            if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
                violations.add(name + " seccomp profile '" + seccomp + "'");
            }
        }
        return violations;
    }

    /** The rules that apply to a pod's and a container's security context alike. */
    private static void commonContextViolations(String name, JsonNode context, List<String> violations) {
        if (context.has("runAsUser") && context.get("runAsUser").asInt() == 0) {
            violations.add(name + " runAsUser 0");
        }
        if (context.at("/windowsOptions/hostProcess").asBoolean()) {
            violations.add(name + " hostProcess");
        }
        if (context.at("/seccompProfile/type").asText().equals("Unconfined")) {
            violations.add(name + " seccomp Unconfined");
        }
        String appArmor = context.at("/appArmorProfile/type").asText("RuntimeDefault");
        if (!appArmor.equals("RuntimeDefault") && !appArmor.equals("Localhost")) {
            violations.add(name + " AppArmor " + appArmor);
        }
        JsonNode seLinux = context.path("seLinuxOptions");
        String seLinuxType = seLinux.path("type").asText("");
        if (!Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t")
                .contains(seLinuxType) || !seLinux.path("user").asText("").isEmpty()
                || !seLinux.path("role").asText("").isEmpty()) {
            violations.add(name + " SELinux options " + seLinux);
        }
    }

    /** A pod's init, regular and ephemeral containers. */
    private static List<JsonNode> containers(JsonNode pod) {
        List<JsonNode> containers = new ArrayList<>();
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            pod.path(list).forEach(containers::add);
        }
        return containers;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
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

package io.reelgraph.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application (target/quarkus-app) as a process of its own, started as a container starts it: with
 * JVM options of the test's choosing and its configuration as system properties, logging to a file under target.
 */
public final class PackagedApp implements AutoCloseable {

    /**
     * Its own client, not {@link Http#CLIENT}: the readiness polls would leave an idle connection in the shared pool,
     * which a test's request could then take just as the application closes idle connections (on SIGTERM).
     */
    private static final HttpClient READINESS = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final String log;

    private PackagedApp(Process process, int port, String log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the application and waits until it is ready (at most 60 s). */
    public static PackagedApp start(Map<String, String> config, List<String> jvmOptions, String log)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/" + log)).start();
        PackagedApp app = new PackagedApp(process, port, log);
        app.awaitReady();
        return app;
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (READINESS.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("the packaged application was not ready within 60 s; see target/" + log);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}

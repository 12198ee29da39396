package io.reelgraph.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An {@link Error} that reaches the catch-all mapper halts the JVM with status 3, as -XX:+ExitOnOutOfMemoryError does,
 * instead of being answered 500 like a failed request. The mapper runs in a JVM of its own, since it halts the one it
 * runs in; an ordinary exception in the same harness is still answered 500.
 */
class ErrorHaltsTheJvmTest {

    @ParameterizedTest
    @ValueSource(strings = { "OutOfMemoryError", "StackOverflowError", "wrapped OutOfMemoryError" })
    void anErrorHaltsTheJvmInsteadOfAnswering(String failure) throws Exception {
        Child child = map(failure);
        assertEquals(3, child.status(), child.output());
        assertFalse(child.output().contains("answered"), child.output());
        assertTrue(child.output().contains("halting"), child.output());
    }

    @Test
    void anExceptionIsStillAnswered500() throws Exception {
        Child child = map("IllegalStateException");
        assertEquals(0, child.status(), child.output());
        assertTrue(child.output().contains("answered 500"), child.output());
    }

    private record Child(int status, String output) {
    }

    private static Child map(String failure) throws IOException, InterruptedException {
        Path output = Path.of("target", "error-halts-" + failure.replace(' ', '-') + ".log");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // plain java.util.logging: the JBoss LogManager prints nothing without Quarkus's configuration
                "-cp", System.getProperty("java.class.path"), "-Dorg.jboss.logging.provider=jdk",
                MapInThisJvm.class.getName(), failure)).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the mapper's JVM neither answered nor halted within 60 s; see " + output);
        }
        return new Child(process.exitValue(), Files.readString(output));
    }

    /** The child JVM: hands the named failure to the mapper and prints its answer, if it gives one. */
    public static final class MapInThisJvm {

        public static void main(String[] args) {
            Throwable failure = switch (args[0]) {
                case "OutOfMemoryError" -> new OutOfMemoryError("Java heap space");
                case "StackOverflowError" -> new StackOverflowError();
                // thrown by code, not by the JVM: -XX:+ExitOnOutOfMemoryError does not exit on it
                case "wrapped OutOfMemoryError" ->
                    new CompletionException(new OutOfMemoryError("Direct buffer memory"));
                default -> new IllegalStateException("an ordinary failure");
            };
            Response response = new ProblemMappers(null, null).unexpected(failure, null);
            System.out.println("answered " + response.getStatus());
        }
    }
}

package io.reelgraph.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Commands a test runs to their end: Maven, the TypeScript compiler, Node. */
public final class Processes {

    private Processes() {
    }

    /** Runs the command; its output (stdout and stderr) in lines, or the whole output in the failure. */
    public static List<String> run(Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + " failed:\n" + output);
        return output.lines().toList();
    }

    /** Whether the command starts and ends well (a tool on the PATH answering {@code --version}). */
    public static boolean works(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}

package io.reelgraph.bench;

import java.nio.file.Path;

import io.reelgraph.devdb.EmbeddedMariaDb;

/**
 * The embedded MariaDB as a process of its own, for {@code bench/run.sh}: starts the server with an empty database,
 * prints {@code port=N} once it accepts connections, and runs until killed; the server stops and its files are
 * deleted on SIGTERM or SIGINT. Arguments: the work directory and the database name.
 */
public final class BenchDatabase {

    private BenchDatabase() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path workDir = Path.of(args.length > 0 ? args[0] : "target/bench/mariadb");
        String database = args.length > 1 ? args[1] : "reelgraph";
        int port = EmbeddedMariaDb.startOncePerJvm(workDir, database);
        // the script waits for this line
        System.out.println("port=" + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}

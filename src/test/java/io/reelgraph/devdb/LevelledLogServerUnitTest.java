package io.reelgraph.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The embedded server's log lines keep their own level: a warning that mentions an error is a warning. */
class LevelledLogServerUnitTest {

    @Test
    void eachLineAtItsTagsLevel() {
        assertEquals(Level.WARN, LevelledLogServer.levelOf("2026-11-29 22:38:52 7 [Warning] Aborted connection 7 to db:"
                + " 'reelgraph' user: 'root' host: '' (Got an error reading communication packets)"));
        assertEquals(Level.INFO, LevelledLogServer.levelOf("2026-11-29 22:38:52 0 [Note] mariadbd: ready for connections."));
        assertEquals(Level.ERROR, LevelledLogServer.levelOf("2026-11-29 22:38:52 0 [ERROR] Can't start server: Bind on"
                + " TCP/IP port. Got error: 98: Address already in use"));
        assertEquals(Level.INFO, LevelledLogServer.levelOf("Version: '11.4.5-MariaDB'  socket: '/tmp/x.sock'"));
    }
}

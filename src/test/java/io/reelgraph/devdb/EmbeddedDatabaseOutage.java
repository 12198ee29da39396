package io.reelgraph.devdb;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.ObjectName;

/** Stops and restarts this JVM's embedded MariaDB on the same port with the same data, as an outage would. */
public final class EmbeddedDatabaseOutage {

    private EmbeddedDatabaseOutage() {
    }

    public static void stop() {
        invoke("stop");
    }

    public static void start() {
        invoke("start");
    }

    private static void invoke(String operation) {
        try {
            ManagementFactory.getPlatformMBeanServer()
                    .invoke(new ObjectName(EmbeddedMariaDb.CONTROL_NAME), operation, null, null);
        } catch (JMException e) {
            throw new IllegalStateException("could not " + operation + " the embedded MariaDB", e);
        }
    }
}

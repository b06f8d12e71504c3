package dev.smcp.plugin.promptyoself.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster: {@code initdb} in a temporary directory, {@code postgres} on 127.0.0.1 and a free
 * port, trust authentication for one user. Run as root, both run as the {@code postgres} user (initdb refuses root)
 * through {@code setpriv}, in a directory that user owns. Closing stops the server and deletes the directory.
 * Fails with a clear message when the PostgreSQL binaries are missing ({@code .ci/run} installs them).
 */
public final class TemporaryPostgres implements AutoCloseable {

    /** The one user, with trust authentication. */
    public static final String USER = "promptyoself";

    private final Path dir;
    private final int port;
    private final Process server;

    private TemporaryPostgres(Path dir, int port, Process server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    /** @return the JDBC URL of the cluster's {@code postgres} database */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts a cluster and waits until it accepts connections. */
    public static TemporaryPostgres start() throws Exception {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("promptyoself-pg-");
        List<String> asUser = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
            asUser.addAll(List.of("/usr/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--clear-groups", "--"));
        }
        Path data = dir.resolve("data");
        List<String> initdb = new ArrayList<>(asUser);
        initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--locale=C"));
        Process init = new ProcessBuilder(initdb).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("initdb.log").toFile()).start();
        if (!init.waitFor(120, TimeUnit.SECONDS) || init.exitValue() != 0) {
            init.destroyForcibly();
            String log = Files.readString(dir.resolve("initdb.log"));
            delete(dir);
            throw new IllegalStateException("initdb failed:\n" + log);
        }
        int port = freePort();
        List<String> postgres = new ArrayList<>(asUser);
        postgres.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p",
                Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"));
        Process server = new ProcessBuilder(postgres).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("postgres.log").toFile()).start();
        TemporaryPostgres cluster = new TemporaryPostgres(dir, port, server);
        try {
            cluster.awaitReady();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("postgres exited:\n" + Files.readString(dir.resolve("postgres.log")));
            }
            try (Connection connection = new org.postgresql.Driver().connect(jdbcUrl(), properties)) {
                if (connection.isValid(10)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("postgres did not accept connections within 120 s: " + last);
    }

    /** @return the directory with initdb and postgres: {@code $PG_BIN}, else the newest /usr/lib/postgresql/N/bin */
    private static Path binaries() throws IOException {
        String configured = System.getenv("PG_BIN");
        if (configured != null && Files.isExecutable(Path.of(configured, "initdb"))) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path bin = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                        .max(Comparator.comparing(b -> versionOf(b.getParent()))).orElse(null);
                if (bin != null) {
                    return bin;
                }
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin/initdb, "
                + "no $PG_BIN): install them, e.g. apt-get install -y postgresql (.ci/run does)");
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        server.destroy(); // SIGTERM: postgres shuts down once the clients are gone
        try {
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                server.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        delete(dir);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

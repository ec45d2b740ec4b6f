package io.tributary.testing;

import io.tributary.App;
import io.tributary.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real server on a free loopback port, on H2 in a temp folder or on a PostgreSQL schema. */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
  public static final String MASTER_KEY = "test master key";
  private final Path dataDir;
  private final TestDatabase db;
  private final Settings settings;
  private App app;

  private final Clock clock;

  private TestServer(Path dataDir, TestDatabase db, Settings settings, Clock clock) {
    this.dataDir = dataDir;
    this.db = db;
    this.settings = settings;
    this.clock = clock;
    this.app = App.start(settings, clock);
  }

  /** A server on H2 or PostgreSQL whose time is the given clock. */
  public static TestServer start(boolean postgres, Clock clock) {
    Path dir = tempDir();
    TestDatabase db = postgres ? TestDatabase.postgres() : TestDatabase.h2(dir);
    return new TestServer(dir, db, settings(dir, db, 1000, 300), clock);
  }

  /** Stops the server as a process stop would, and starts a new one on the same store. */
  public void restart() {
    app.close();
    app = App.start(settings, clock);
  }

  public App app() {
    return app;
  }

  /** A server on H2 whose settings are changed by {@code change} (public URL, trusted proxies). */
  public static TestServer startWith(java.util.function.UnaryOperator<Settings> change) {
    Path dir = tempDir();
    TestDatabase db = TestDatabase.h2(dir);
    Settings s = settings(dir, db, 1000, 300);
    return new TestServer(dir, db, change.apply(s), Clock.systemUTC());
  }

  public static TestServer start(boolean postgres) {
    return start(postgres, 1000, 300);
  }

  public static TestServer start(boolean postgres, int burst, double perSecond) {
    Path dir = tempDir();
    TestDatabase db = postgres ? TestDatabase.postgres() : TestDatabase.h2(dir);
    Settings s = settings(dir, db, burst, perSecond);
    return new TestServer(dir, db, s, Clock.systemUTC());
  }

  /** A client of the server as it runs now (a restart may move it to another port). */
  public ApiClient client() {
    return new ApiClient("http://127.0.0.1:" + app.port(), ADMIN_TOKEN);
  }

  /** The stored (sealed) document text of a resource, straight from the database. */
  public String storedDocument(String id) {
    return app.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("select doc from resources where id = :id")
                    .bind("id", id)
                    .mapTo(String.class)
                    .findOne()
                    .orElse(null));
  }

  public Path dataDir() {
    return dataDir;
  }

  /**
   * Another node on the same PostgreSQL schema (a cluster of two, D26), with its own data
   * directory; closing it leaves the schema to this server.
   */
  public TestServer sibling() {
    if (!db.isPostgres()) throw new IllegalStateException("the embedded store is single-node");
    Path dir = tempDir();
    Settings s = settings(dir, db, settings.rateLimitBurst(), settings.rateLimitPerSecond());
    return new TestServer(dir, new TestDatabase(null, null, null, null), s, clock);
  }

  @Override
  public void close() {
    app.close();
    db.drop();
    deleteTree(dataDir);
  }

  private static Settings settings(Path dir, TestDatabase db, int burst, double perSecond) {
    return new Settings(
        0,
        "127.0.0.1",
        dir,
        db.url(),
        db.user(),
        db.password(),
        db.schema(),
        ADMIN_TOKEN,
        MASTER_KEY,
        burst,
        perSecond);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("tributary-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

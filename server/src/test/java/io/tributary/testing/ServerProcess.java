package io.tributary.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server as a process of its own ({@code io.tributary.Main} from the test class path), for what
 * an in-process server cannot show: a {@code kill -9} ({@link #kill()}) and a restart on the same
 * store.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
  private final Process process;
  private final Path log;
  private final int port;

  private ServerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts a server on a free loopback port with {@code dataDir} and the database of {@code db} (H2
   * in the data directory when it is not PostgreSQL); its output goes to {@code log}.
   */
  public static ServerProcess start(Path dataDir, TestDatabase db, Path log) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.tributary.Main");
    command.add("serve");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = pb.environment();
    env.put("TRIBUTARY_PORT", "0");
    env.put("TRIBUTARY_HOST", "127.0.0.1");
    env.put("TRIBUTARY_DATA_DIR", dataDir.toString());
    env.put("TRIBUTARY_API_TOKEN", TestServer.ADMIN_TOKEN);
    env.put("TRIBUTARY_MASTER_KEY", TestServer.MASTER_KEY);
    if (db.isPostgres()) {
      env.put("TRIBUTARY_DB_URL", db.url());
      env.put("TRIBUTARY_DB_USER", db.user());
      env.put("TRIBUTARY_DB_PASSWORD", db.password());
      env.put("TRIBUTARY_DB_SCHEMA", db.schema());
    }
    try {
      long before = Files.exists(log) ? Files.size(log) : 0;
      Process p = pb.start();
      return new ServerProcess(p, log, awaitPort(p, log, before));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits up to 60 s for the line saying where it listens, written after {@code from}. */
  private static int awaitPort(Process p, Path log, long from) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      Matcher m = LISTENING.matcher(text.substring((int) Math.min(from, text.length())));
      if (m.find()) return Integer.parseInt(m.group(1));
      if (!p.isAlive()) throw new AssertionError("the server exited:\n" + text);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
    }
    p.destroyForcibly();
    throw new AssertionError("the server did not say where it listens within 60 s");
  }

  public ApiClient client() {
    return new ApiClient("http://127.0.0.1:" + port, TestServer.ADMIN_TOKEN);
  }

  /** {@code kill -9}: no shutdown hook runs, nothing is flushed. Returns once it is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) kill();
  }
}

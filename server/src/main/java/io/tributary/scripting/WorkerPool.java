package io.tributary.scripting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;

/**
 * Runs scripts in a few worker JVMs ({@link WorkerMain}) started lazily from the server's own
 * classpath. A worker's small heap bounds what a script can allocate (GraalJS community's
 * CONSTRAINED sandbox cannot), and the server kills a worker whose call outlives its budget. A
 * killed or dead worker is replaced at the next call; the server's heap never holds more of a
 * script than its answer (at most {@link Worker#MAX_ANSWER_BYTES}).
 *
 * <p>JavaScript runs on Truffle's interpreter here, on purpose. The optimising runtime needs the
 * Graal compiler on the worker's module path with JVMCI enabled; Maven Central serves that compiler
 * only for the 25.0 line (not this polyglot version), and measured on this project's 2-core
 * machines the compiler threads competed with the workload and gave no gain on hooks (short
 * functions over a page of records). The interpreter-only warning is therefore switched off in
 * {@link JsRuntime}: it would only repeat this decision on every worker start.
 */
final class WorkerPool implements Runner {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START_MILLIS = 60_000;

  private final ScriptSettings settings;
  private final List<String> command;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
  private final Set<Worker> all = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("script-watchdog").unstarted(r));
  private volatile boolean closed;

  WorkerPool(ScriptSettings settings) {
    this.settings = settings;
    this.permits = new Semaphore(settings.workers(), true);
    this.command = command(settings.heapMegabytes());
  }

  /** The worker's command line: this JVM's java and classpath, a small heap, no stray output. */
  static List<String> command(int heapMegabytes) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.add("-Xmx" + heapMegabytes + "m");
    c.add("-XX:+UseSerialGC"); // one core's worth of GC for a small heap; no extra GC threads
    c.add("-XX:+ExitOnOutOfMemoryError");
    c.add("-Xshare:auto");
    c.add("--enable-native-access=ALL-UNNAMED"); // Truffle loads its native helper
    if (Runtime.version().feature() >= 24) c.add("--sun-misc-unsafe-memory-access=allow");
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add(WorkerMain.class.getName());
    return List.copyOf(c);
  }

  @Override
  public Answer call(String key, String content, String function, String input) {
    ObjectNode r = JSON.createObjectNode();
    r.put("op", "call").put("key", key).put("content", content);
    r.put("function", function).put("input", input);
    return exchange(r);
  }

  @Override
  public Answer functions(String key, String content) {
    ObjectNode r = JSON.createObjectNode();
    r.put("op", "functions").put("key", key).put("content", content);
    return exchange(r);
  }

  private Answer exchange(ObjectNode request) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    permits.acquireUninterruptibly();
    try {
      if (closed) throw new IllegalStateException("scripts are closed");
      Worker w = idle.pollFirst();
      if (w == null || w.broken()) {
        if (w != null) retire(w);
        w = Worker.start(command, START_MILLIS, timer);
        all.add(w);
        if (closed) retire(w);
      }
      Answer a = w.exchange(bytes, settings.timeoutMillis(), timer);
      if (w.broken() || closed) retire(w);
      else idle.addFirst(w);
      return a;
    } finally {
      permits.release();
    }
  }

  private void retire(Worker w) {
    w.kill();
    all.remove(w);
  }

  /** The worker processes alive now (for tests that check none is left behind). */
  List<Long> pids() {
    return all.stream().filter(w -> !w.broken()).map(Worker::pid).toList();
  }

  @Override
  public void close() {
    closed = true;
    for (Worker w : List.copyOf(all)) retire(w);
    idle.clear();
    timer.shutdownNow();
  }
}

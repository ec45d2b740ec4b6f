package io.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The embedded H2 store under the load that corrupted it (issue 11, item 5): four clients writing
 * 1–5 MB documents for a bounded time. No answer may be a 5xx, every acknowledged write must read
 * back as written, and the database file must stay within a bound of the live data.
 */
class EmbeddedStoreStressIT {
  private static final int THREADS = 4;
  private static final int SCRIPTS_PER_THREAD = 4;
  private static final long SECONDS = Long.getLong("stress.seconds", 30);
  private static final int MB = 1024 * 1024;

  /**
   * What one client last had acknowledged for each of its scripts: the content's length and hash.
   */
  private record Written(int length, int hash) {}

  @Test
  void fourWritersOfLargeDocumentsGetNoServerErrorAndLoseNothing() throws Exception {
    try (TestServer server = TestServer.start(false)) {
      List<String> serverErrors = new CopyOnWriteArrayList<>();
      Map<String, Written> acknowledged = new ConcurrentHashMap<>();
      long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Integer>> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int seed = t;
        writers.add(
            pool.submit(
                () ->
                    write(
                        server.client(), new Random(seed), deadline, acknowledged, serverErrors)));
      }
      int writes = 0;
      for (Future<Integer> w : writers) writes += w.get();
      pool.shutdown();

      assertThat(serverErrors).as("server errors").isEmpty();
      assertThat(writes).as("acknowledged writes").isGreaterThan(THREADS);
      ApiClient api = server.client();
      long live = 0;
      for (var e : acknowledged.entrySet()) {
        ApiClient.Response r = api.get("/v1/scripts/" + e.getKey());
        assertThat(r.status()).as("script " + e.getKey()).isEqualTo(200);
        String content = r.json().get("content").asText();
        assertThat(new Written(content.length(), content.hashCode()))
            .as("script " + e.getKey())
            .isEqualTo(e.getValue());
        live += content.length();
      }
      long fileBytes = size(server.dataDir());
      long written = WRITTEN.get();
      System.out.printf(
          "stress: %d acknowledged writes in %d s, %d MB written, %d MB live, database files %d MB%n",
          writes, SECONDS, written / MB, live / MB, fileBytes / MB);
      // Under sustained writes MVStore reuses space only as compaction catches up, so the file
      // follows the volume written (see the closing note of issue 11); what must not come back is
      // amplification, such as the audit log copying every multi-MB value twice (the file was then
      // 3x what was written).
      assertThat(fileBytes)
          .as("database files (%d MB written, %d MB live)", written / MB, live / MB)
          .isLessThan(2 * written + 256L * MB);
    }
  }

  private static final java.util.concurrent.atomic.AtomicLong WRITTEN =
      new java.util.concurrent.atomic.AtomicLong();

  private static int write(
      ApiClient api,
      Random random,
      long deadline,
      Map<String, Written> acknowledged,
      List<String> serverErrors) {
    List<String> mine = new ArrayList<>();
    int writes = 0;
    while (System.nanoTime() < deadline && serverErrors.isEmpty()) {
      String content = content(random, MB + random.nextInt(4 * MB - 64 * 1024));
      var doc = Json.object().put("name", "stress").put("content", content);
      boolean create = mine.size() < SCRIPTS_PER_THREAD;
      String id = create ? null : mine.get(random.nextInt(mine.size()));
      ApiClient.Response r =
          create ? api.post("/v1/scripts", doc) : api.put("/v1/scripts/" + id, doc);
      if (r.status() >= 500) {
        serverErrors.add(r.status() + " " + r.body());
        break;
      }
      if (r.status() / 100 != 2) continue; // refused without a write: nothing acknowledged
      if (create) {
        id = r.json().get("_id").asText();
        mine.add(id);
      }
      acknowledged.put(id, new Written(content.length(), content.hashCode()));
      WRITTEN.addAndGet(content.length());
      writes++;
      ApiClient.Response read = api.get("/v1/scripts/" + mine.get(random.nextInt(mine.size())));
      if (read.status() >= 500) serverErrors.add("read: " + read.status() + " " + read.body());
    }
    return writes;
  }

  private static String content(Random random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) chars[i] = (char) ('a' + random.nextInt(26));
    return new String(chars);
  }

  private static long size(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

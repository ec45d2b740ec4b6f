package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.App;
import io.tributary.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * End-to-end benchmarks of the engine against a local HTTP API, each with its reference measured in
 * the same run:
 *
 * <ul>
 *   <li>{@code http [records]}: a paged source through one lookup and one import, against a
 *       hand-written Java program making the same calls; records per second and the ratio.
 *   <li>{@code overhead [runs] [h2|postgresql] [nodes]}: see {@link OverheadBench}.
 * </ul>
 */
public final class HttpBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "bench-token-0123456789";
  private final HttpClient http = HttpClient.newHttpClient();
  private String api;

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "http";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : (mode.equals("http") ? 100_000 : 1000);
    HttpBench bench = new HttpBench();
    if (mode.equals("http")) bench.throughput(n);
    else if (mode.equals("overhead"))
      new OverheadBench(
              args.length > 2 ? args[2] : "h2", args.length > 3 ? Integer.parseInt(args[3]) : 1)
          .run(n);
    else if (mode.equals("memory")) bench.memory(args.length > 1 ? n : 1_000_000);
    else if (mode.equals("rdbms"))
      new RdbmsBench()
          .run(args.length > 1 ? n : 1_000_000, rdbmsSources(args.length > 2 ? args[2] : "both"));
    else if (mode.equals("files")) new FilesBench().run(args.length > 1 ? n : 1_000_000);
    else if (mode.equals("routers")) new RoutersBench().run(args.length > 1 ? n : 1_000_000);
    else if (mode.equals("takeover"))
      new TakeoverBench(args.length > 2 ? Integer.parseInt(args[2]) : 30)
          .run(args.length > 1 ? n : 20);
    else if (mode.equals("throttles")) new ThrottlesBench().run(args.length > 1 ? n : 5000);
    else
      throw new IllegalArgumentException(
          "usage: http [records] | overhead [runs] [h2|postgresql] [nodes] | memory [records] | rdbms [rows] [postgresql|mariadb|both] | files [rows] | routers [records] | takeover [kills] [deadAfterSeconds] | throttles [requests]");
    System.exit(0);
  }

  private static List<String> rdbmsSources(String which) {
    return switch (which) {
      case "postgresql", "mariadb" -> List.of(which);
      case "both" -> List.of("postgresql", "mariadb");
      default ->
          throw new IllegalArgumentException(
              "rdbms sources: postgresql, mariadb or both, not " + which);
    };
  }

  private App startTributary() throws Exception {
    Path dir = Files.createTempDirectory("tributary-bench");
    App app =
        App.start(
            new Settings(
                0,
                "127.0.0.1",
                dir,
                null,
                null,
                null,
                null,
                TOKEN,
                "bench key",
                1_000_000,
                1_000_000),
            Clock.systemUTC());
    api = "http://127.0.0.1:" + app.port();
    return app;
  }

  private void throughput(int records) throws Exception {
    try (SyntheticApi remote = new SyntheticApi(records);
        App app = startTributary()) {
      String flow = createFlow(remote.baseUrl());
      // Warm both paths (JIT, connections) on a small source first.
      try (SyntheticApi warm = new SyntheticApi(2000)) {
        new HandWritten(warm.baseUrl()).move();
        runToEnd(createFlow(warm.baseUrl()));
      }
      long t0 = System.nanoTime();
      long moved = new HandWritten(remote.baseUrl()).move();
      double refSeconds = (System.nanoTime() - t0) / 1e9;
      long before = remote.sunk.get();
      t0 = System.nanoTime();
      JsonNode job = runToEnd(flow);
      double flowSeconds = (System.nanoTime() - t0) / 1e9;
      long flowMoved = remote.sunk.get() - before;
      System.out.printf(
          "hand-written Java: %,d records in %.1f s = %,.0f records/s%n",
          moved, refSeconds, moved / refSeconds);
      System.out.printf(
          "Tributary flow:    %,d records in %.1f s = %,.0f records/s (job %s, numSuccess %d, numError %d)%n",
          flowMoved,
          flowSeconds,
          flowMoved / flowSeconds,
          job.get("status").asText(),
          job.get("numSuccess").asLong(),
          job.get("numError").asLong());
      System.out.printf(
          "ratio flow/hand-written: %.2f%n", (flowMoved / flowSeconds) / (moved / refSeconds));
    }
  }

  /**
   * A large source through a batched import (1,000 records a request) under the heap the JVM was
   * given: the run must finish with the heap's peak far below the data moved. The reference is the
   * same transfer by hand.
   */
  private void memory(int records) throws Exception {
    try (SyntheticApi remote = new SyntheticApi(records);
        App app = startTributary()) {
      String conn =
          create(
              "connections",
              "{\"type\":\"http\",\"name\":\"m\",\"http\":{\"baseURI\":\""
                  + remote.baseUrl()
                  + "\"}}");
      String source =
          create(
              "exports",
              """
          {"name":"customers","_connectionId":"%s","pageSize":1000,"http":{"method":"GET",
           "relativeURI":"/customers?page={{export.http.paging.page}}","paging":{"method":"page"},
           "response":{"resourcePath":"items"}}}"""
                  .formatted(conn));
      String sink =
          create(
              "imports",
              """
          {"name":"sink","_connectionId":"%s","http":{"method":["POST"],"relativeURI":["/sink"],"batchSize":1000}}"""
                  .formatted(conn));
      String flow =
          create(
              "flows",
              """
          {"name":"memory","pageGenerators":[{"_exportId":"%s"}],"pageProcessors":[{"type":"import","_importId":"%s"}]}"""
                  .formatted(source, sink));
      long t0 = System.nanoTime();
      long moved = new HandWritten(remote.baseUrl()).moveBatched(1000);
      double refSeconds = (System.nanoTime() - t0) / 1e9;
      resetPeaks();
      t0 = System.nanoTime();
      JsonNode job = runToEnd(flow);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long done = job.get("numSuccess").asLong();
      System.out.printf(
          "hand-written batched: %,d records in %.1f s = %,.0f records/s%n",
          moved, refSeconds, moved / refSeconds);
      System.out.printf(
          "Tributary flow:       %,d records in %.1f s = %,.0f records/s (job %s)%n",
          done, seconds, done / seconds, job.get("status").asText());
      System.out.printf(
          "ratio flow/hand-written: %.2f; heap: max %d MB, peak used during the run %d MB%n",
          (done / seconds) / (moved / refSeconds),
          Runtime.getRuntime().maxMemory() >> 20,
          peakHeap() >> 20);
    }
  }

  private static void resetPeaks() {
    System.gc();
    for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans())
      pool.resetPeakUsage();
  }

  private static long peakHeap() {
    long sum = 0;
    for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP)
        sum += pool.getPeakUsage().getUsed();
    }
    return sum;
  }

  private String createFlow(String base) throws Exception {
    return ServerProcesses.lookupFlow(http, api, base, "bench", 100);
  }

  private JsonNode runToEnd(String flowId) throws Exception {
    JsonNode r = send("POST", "/v1/flows/" + flowId + "/run?wait=300", "");
    while (List.of("queued", "running").contains(r.get("status").asText())) {
      Thread.sleep(200);
      r = send("GET", "/v1/jobs/" + r.get("_id").asText(), null);
    }
    return r;
  }

  private String create(String type, String body) throws Exception {
    JsonNode r = send("POST", "/v1/" + type, body);
    if (!r.has("_id")) throw new IllegalStateException("could not create " + type + ": " + r);
    return r.get("_id").asText();
  }

  private JsonNode send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api + path))
            .header("Authorization", "Bearer " + TOKEN)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }
}

package io.tributary.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takeover time after {@code kill -9} (D26): two nodes in JVMs of their own on one PostgreSQL
 * schema run one endless flow (a local paged source to a slow local sink); the node running it is
 * killed with SIGKILL, and the time from the kill to the first page checkpointed by the other node
 * is measured; the killed node starts again and the next kill hits the node that runs the job then.
 * The reference is the dead-node threshold (heartbeat silence): a killed node's database session
 * ends at once, so its liveness lock is free and the other node declares it dead at its second look
 * (sweeps 3 s apart), well before the silence threshold; two sweeps, the claim, and the first page
 * after the checkpoint bound the takeover.
 */
final class TakeoverBench {
  private static final String PG_URL =
      System.getenv().getOrDefault("BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String TOKEN = "bench-token-0123456789";
  private static final Pattern PAGES = Pattern.compile("\"pages\":(\\d+)");
  private final HttpClient http = HttpClient.newHttpClient();
  private final String schema = "bench_takeover_" + UUID.randomUUID().toString().substring(0, 8);
  private final int deadAfter;
  private final List<Process> nodes = new ArrayList<>();
  private final int[] ports = new int[2];
  private Path data;

  TakeoverBench(int deadAfterSeconds) {
    this.deadAfter = deadAfterSeconds;
  }

  void run(int kills) throws Exception {
    data = Files.createTempDirectory("takeover-bench");
    HttpServer source = source();
    try {
      for (int i = 0; i < 2; i++) {
        ports[i] = freePort();
        nodes.add(null);
        start(i);
      }
      String api = "http://127.0.0.1:" + ports[0];
      String base = "http://127.0.0.1:" + source.getAddress().getPort();
      String connection =
          create(
              api,
              "connections",
              "{\"type\":\"http\",\"name\":\"bench\",\"http\":{\"baseURI\":\""
                  + base
                  + "\",\"mediaType\":\"json\",\"concurrencyLevel\":4}}");
      String export =
          create(
              api,
              "exports",
              "{\"name\":\"items\",\"_connectionId\":\""
                  + connection
                  + "\",\"pageSize\":20,\"http\":{\"method\":\"GET\",\"relativeURI\":\"/items?page={{export.http.paging.page}}\","
                  + "\"paging\":{\"method\":\"page\",\"page\":1},\"response\":{\"resourcePath\":\"items\"}}}");
      String imp =
          create(
              api,
              "imports",
              "{\"name\":\"sink\",\"_connectionId\":\""
                  + connection
                  + "\",\"http\":{\"method\":[\"POST\"],\"relativeURI\":[\"/sink\"],\"response\":{\"resourceIdPath\":[\"id\"]}},"
                  + "\"mapping\":{\"fields\":[{\"extract\":\"id\",\"generate\":\"id\"}]}}");
      String flow =
          create(
              api,
              "flows",
              "{\"name\":\"endless\",\"pageGenerators\":[{\"_exportId\":\""
                  + export
                  + "\"}],\"pageProcessors\":[{\"type\":\"import\",\"_importId\":\""
                  + imp
                  + "\"}]}");
      send(api, "POST", "/v1/flows/" + flow + "/run", "");
      List<Long> takeovers = new ArrayList<>();
      for (int k = 0; k < kills; k++) {
        int owner = awaitOwner(-1);
        long pages = pages();
        long killedAt = System.nanoTime();
        nodes.get(owner).destroyForcibly().waitFor();
        awaitOwner(owner); // running on the other node, a page further than at the kill
        while (pages() <= pages) Thread.sleep(50);
        long ms = (System.nanoTime() - killedAt) / 1_000_000;
        takeovers.add(ms);
        System.out.printf(
            "kill %d: node :%d killed, job resumed elsewhere in %d ms%n", k + 1, ports[owner], ms);
        start(owner);
      }
      List<Long> sorted = takeovers.stream().sorted().toList();
      long median = sorted.get(sorted.size() / 2);
      long max = sorted.get(sorted.size() - 1);
      System.out.printf(
          "takeover after kill -9 over %d kills: median %d ms, max %d ms; dead-node threshold %d s"
              + " (reference): median/threshold %.2f, max/threshold %.2f%n",
          kills, median, max, deadAfter, median / (deadAfter * 1000.0), max / (deadAfter * 1000.0));
    } finally {
      for (Process p : nodes) if (p != null) p.destroyForcibly().waitFor();
      source.stop(0);
      sql("drop schema if exists " + schema + " cascade");
    }
  }

  private void start(int i) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                ServerProcesses.java(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.tributary.Main",
                "serve")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile()));
    var env = pb.environment();
    env.put("TRIBUTARY_PORT", String.valueOf(ports[i]));
    env.put("TRIBUTARY_HOST", "127.0.0.1");
    env.put("TRIBUTARY_DATA_DIR", data.resolve("node" + i).toString());
    env.put("TRIBUTARY_DB_URL", PG_URL);
    env.put("TRIBUTARY_DB_USER", System.getenv().getOrDefault("BENCH_PG_USER", "postgres"));
    env.put("TRIBUTARY_DB_SCHEMA", schema);
    env.put("TRIBUTARY_MASTER_KEY", "bench master key");
    env.put("TRIBUTARY_API_TOKEN", TOKEN);
    env.put("TRIBUTARY_RATE_LIMIT_BURST", "1000000");
    env.put("TRIBUTARY_CLUSTER_DEAD_AFTER_SECONDS", String.valueOf(deadAfter));
    Process p = pb.start();
    nodes.set(i, p);
    ServerProcesses.awaitHealth(http, "http://127.0.0.1:" + ports[i], p, data);
  }

  /** The index of the node running the job (not {@code not}); waits until there is one. */
  private int awaitOwner(int not) throws Exception {
    for (int i = 0; i < 12_000; i++) {
      String port =
          query(
              "select n.port from jobs j join cluster_nodes n on n.id = j.owner_node "
                  + "where j.status = 'running' and j.flow_job_id is null");
      for (int n = 0; n < 2; n++)
        if (n != not && String.valueOf(ports[n]).equals(port) && nodes.get(n).isAlive()) return n;
      Thread.sleep(50);
    }
    throw new IllegalStateException("no node took the job in 10 minutes");
  }

  private long pages() throws Exception {
    String cp = query("select checkpoint from jobs where flow_job_id is null");
    if (cp == null) return 0;
    Matcher m = PAGES.matcher(cp);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private String query(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "")) {
      c.createStatement().execute("set search_path to " + schema);
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (java.sql.SQLException e) {
      return null; // the schema is not migrated yet
    }
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "")) {
      c.createStatement().execute(statement);
    }
  }

  private String create(String api, String kind, String body) throws Exception {
    String out = send(api, "POST", "/v1/" + kind, body);
    Matcher m = Pattern.compile("\"_id\"\\s*:\\s*\"([0-9a-f]{24})\"").matcher(out);
    if (!m.find()) throw new IllegalStateException("no _id in " + out);
    return m.group(1);
  }

  private String send(String api, String method, String path, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300)
      throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
    return r.body();
  }

  /** Endless pages of 20 records, and a sink taking 5 ms a record. */
  private static HttpServer source() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/items",
        ex -> {
          String q = ex.getRequestURI().getQuery();
          long page = Long.parseLong(q.substring(q.indexOf('=') + 1));
          StringBuilder b = new StringBuilder("{\"items\":[");
          for (long i = (page - 1) * 20 + 1; i <= page * 20; i++)
            b.append(i > (page - 1) * 20 + 1 ? "," : "").append("{\"id\":").append(i).append('}');
          answer(ex, b.append("]}").toString());
        });
    server.createContext(
        "/sink",
        ex -> {
          ex.getRequestBody().readAllBytes();
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer(ex, "{\"id\":\"x\"}");
        });
    server.start();
    return server;
  }

  private static void answer(HttpExchange ex, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

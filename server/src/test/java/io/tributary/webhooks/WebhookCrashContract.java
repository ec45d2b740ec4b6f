package io.tributary.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.testing.LocalApi;
import io.tributary.testing.ServerProcess;
import io.tributary.testing.TestDatabase;
import io.tributary.testing.Waits;
import io.tributary.web.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost (D24): the server, a process of its own, answers a burst of webhook
 * requests and is killed with {@code kill -9} right after the last answer, while the sink holds
 * back every delivery (so no record can have gone through before the kill). Restarted on the same
 * store, it delivers every acknowledged record.
 */
abstract class WebhookCrashContract {
  private static final int REQUESTS = 60;
  private final LocalApi sink = new LocalApi();
  private final Set<Integer> delivered = ConcurrentHashMap.newKeySet();
  private final CountDownLatch firstLife = new CountDownLatch(1);
  private volatile boolean restarted;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Path dir;
  private TestDatabase db;

  abstract boolean postgres();

  @BeforeEach
  void setUp() throws Exception {
    dir = Files.createTempDirectory("tributary-crash");
    db = postgres() ? TestDatabase.postgres() : TestDatabase.h2(dir);
    sink.on(
        "POST",
        "/sink",
        req -> {
          if (!restarted) {
            // The first server's deliveries hang until it is dead; none of them counts.
            try {
              firstLife.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return LocalApi.Response.json(503, "{}");
          }
          delivered.add(Json.read(req.body()).get("i").asInt());
          return LocalApi.Response.json(201, "{\"id\":\"x\"}");
        });
  }

  @AfterEach
  void tearDown() throws Exception {
    firstLife.countDown();
    sink.close();
    db.drop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void everyAcknowledgedRecordArrivesAfterAKill9() throws Exception {
    Path log = dir.resolve("server.log");
    String url;
    try (ServerProcess first = ServerProcess.start(dir.resolve("data"), db, log)) {
      url = listener(first.client());
      List<Future<Integer>> answers = new ArrayList<>();
      try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
        for (int i = 0; i < REQUESTS; i++) {
          String body = "[{\"i\":" + (2 * i) + "},{\"i\":" + (2 * i + 1) + "}]";
          answers.add(senders.submit(() -> send(url, body)));
        }
        for (Future<Integer> a : answers) assertThat(a.get()).isEqualTo(204);
      }
      // A quiet moment, then one lone request: under a burst H2 writes its file often anyway,
      // but a lone commit stays in memory for up to its WRITE_DELAY unless the listener makes it
      // durable (without that, this record is the one lost).
      Thread.sleep(1500);
      assertThat(send(url, "[{\"i\":" + 2 * REQUESTS + "}]")).isEqualTo(204);
      first.kill(); // right after the last answer
    }
    restarted = true;
    firstLife.countDown();
    try (ServerProcess second = ServerProcess.start(dir.resolve("data"), db, log)) {
      Waits.until(
          "every acknowledged record at the sink (log: " + log + ")",
          Duration.ofSeconds(90),
          () -> delivered.size(),
          n -> n == 2 * REQUESTS + 1);
    }
    assertThat(delivered).hasSize(2 * REQUESTS + 1);
  }

  /** A webhook export whose flow posts to the sink; answers its URL (the port of this server). */
  private String listener(ApiClient api) {
    Fixtures fx = new Fixtures(api);
    String export =
        fx.create(
            "exports",
            "{\"name\":\"hook\",\"adaptorType\":\"WebhookExport\",\"pageSize\":5,"
                + "\"webhook\":{\"verify\":\"secret_url\",\"token\":\"crash-test-secret-0123456789\"}}");
    String conn =
        fx.create(
            "connections",
            """
            {"type":"http","name":"sink","http":{"baseURI":"%s","mediaType":"json",
             "auth":{"type":"token","token":{"token":"t","location":"header","scheme":"Bearer"}}}}"""
                .formatted(sink.baseUrl()));
    String imp = fx.httpImport(conn, "sink");
    fx.create(
        "flows",
        """
        {"name":"from hook","pageGenerators":[{"_exportId":"%s"}],
         "pageProcessors":[{"type":"import","_importId":"%s"}]}"""
            .formatted(export, imp));
    JsonNode doc = fx.get("exports", export);
    return doc.at("/webhook/url").asText();
  }

  private int send(String url, String body) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}

package io.tributary.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.LocalApi;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Thousands of seeded hostile requests across every route the server registers (new routes are
 * fuzzed without touching this test): real and junk path parameters, mutated valid bodies, odd
 * content types and headers, wrong methods, bad query parameters. No answer may be a 5xx, every 4xx
 * carries the error envelope, and a 4xx leaves the resources, references, audit log, tokens and
 * templates exactly as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", 11L);
  private static final int MAX_REQUESTS = Integer.getInteger("fuzz.requests", 6000);
  private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("fuzz.seconds", 50L));
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private TestServer server;
  private LocalApi remote;
  private Seeds seeds;
  private int reconnects;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeAll
  void start() {
    server = TestServer.start(false, 1_000_000, 1_000_000);
    remote = new LocalApi();
    remote.on(
        "GET",
        "/items",
        r -> LocalApi.Response.ok("{\"items\":[{\"id\":1,\"n\":\"a\"},{\"id\":2,\"n\":\"b\"}]}"));
    remote.on("POST", "/sink", r -> LocalApi.Response.json(422, "{\"message\":\"refused\"}"));
    seeds = Seeds.create(server.client(), remote.baseUrl());
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
    if (remote != null) remote.close();
  }

  @Test
  void hostileRequestsOnEveryRouteAnswerNo5xxAndWriteNothingWhenRefused() {
    List<Route> routes = server.app().routes().stream().map(Route::parse).toList();
    assertThat(routes).as("registered routes").hasSizeGreaterThan(40);
    Hostile h = new Hostile(SEED);
    Map<String, Integer> histogram = new TreeMap<>();
    Map<String, String> failures = new TreeMap<>();
    Map<String, Long> slowest = new TreeMap<>();
    long fingerprintMillis = 0;
    Fingerprint before = Fingerprint.of(server);
    long deadline = System.nanoTime() + BUDGET.toNanos();
    int sent = 0;
    while (sent < MAX_REQUESTS && System.nanoTime() < deadline) {
      Route route = routes.get(sent % routes.size());
      Attempt a = attempt(h, route);
      sent++;
      long t0 = System.nanoTime();
      Answer answer = send(a);
      long t1 = System.nanoTime();
      slowest.merge(route.method() + " " + route.path(), (t1 - t0) / 1_000_000, Long::sum);
      histogram.merge(
          answer.status == 0 ? "timeout" : String.valueOf(answer.status), 1, Integer::sum);
      Fingerprint after = Fingerprint.of(server);
      fingerprintMillis += (System.nanoTime() - t1) / 1_000_000;
      String problem = judge(answer, before, after);
      if (problem != null)
        failures.putIfAbsent(
            route.method() + " " + route.path() + " -> " + problem, a.describe(answer));
      if (answer.status == 201) seeds.learn(route, answer.body);
      before = after;
    }
    System.out.printf(
        "fuzz: seed %d, %d requests over %d routes in %d s (%d sent again on a new connection), statuses %s%n",
        SEED,
        sent,
        routes.size(),
        BUDGET.minusNanos(deadline - System.nanoTime()).toSeconds(),
        reconnects,
        histogram);
    System.out.printf(
        "fuzz: %d ms in store checks; most time: %s%n",
        fingerprintMillis,
        slowest.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(5)
            .toList());
    assertThat(sent)
        .as("every route fuzzed at least once within the budget")
        .isGreaterThanOrEqualTo(routes.size());
    assertThat(failures)
        .as(
            "5xx answers, malformed error envelopes and writes behind a 4xx (first request of each)")
        .isEmpty();
  }

  /** Why an answer is wrong, or null when it is fine. */
  private static String judge(Answer answer, Fingerprint before, Fingerprint after) {
    if (answer.status == 0) return "no answer within 30 s";
    if (answer.status >= 500) return String.valueOf(answer.status);
    if (answer.status >= 400) {
      if (!before.equals(after))
        return answer.status + " but the store changed: " + before + " -> " + after;
      if (!envelope(answer.body)) return answer.status + " without the error envelope";
    }
    return null;
  }

  private static boolean envelope(String body) {
    try {
      JsonNode errors = Json.read(body).path("errors");
      return errors.isArray()
          && !errors.isEmpty()
          && errors.get(0).path("code").isTextual()
          && errors.get(0).path("message").isTextual();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private Attempt attempt(Hostile h, Route route) {
    String method = h.chance(0.08) ? h.pick(METHODS) : route.method();
    StringBuilder path = new StringBuilder();
    for (String seg : route.path().split("/")) {
      if (seg.isEmpty()) continue;
      path.append('/');
      if (seg.startsWith("{") || seg.startsWith("<")) {
        String name = seg.substring(1, seg.length() - 1);
        path.append(
            h.chance(0.7) ? seeds.realValue(h, name, route) : h.pick(Hostile.JUNK_SEGMENTS));
      } else {
        path.append(seg);
      }
    }
    if (h.chance(0.5)) {
      path.append('?');
      int n = 1 + h.nextInt(3);
      for (int i = 0; i < n; i++) {
        String value =
            h.chance(0.3) ? seeds.realValue(h, "id", route) : h.pick(Hostile.JUNK_VALUES);
        path.append(i == 0 ? "" : "&")
            .append(h.pick(Hostile.QUERY_NAMES))
            .append('=')
            .append(value);
      }
    }
    boolean withBody = !method.equals("GET") && (h.chance(0.9) || method.equals("POST"));
    boolean zip = route.path().equals("/v1/templates") && method.equals("POST") && h.chance(0.7);
    byte[] body =
        !withBody ? null : zip ? h.zip(seeds.templateZip()) : h.body(seeds.validBodies(route));
    String contentType =
        !withBody
            ? null
            : h.chance(0.8)
                ? (zip ? "application/zip" : "application/json")
                : h.pick(Hostile.CONTENT_TYPES);
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    if (h.chance(0.05))
      headers.put(
          "Authorization",
          h.pick(
              List.of(
                  "Bearer ",
                  "Bearer x",
                  "Basic Zm9vOmJhcg==",
                  "bearer " + TestServer.ADMIN_TOKEN)));
    if (h.chance(0.1))
      headers.put(
          h.pick(List.of("Accept", "Idempotency-Key", "X-Forwarded-Host", "If-Match", "Origin")),
          h.pick(
              List.of(
                  "",
                  "*/*",
                  "x".repeat(4000),
                  "text/html;q=abc",
                  "\u00e9t\u00e9",
                  "evil.example",
                  "null")));
    return new Attempt(method, path.toString(), body, contentType, headers);
  }

  private Answer send(Attempt a) {
    HttpRequest.Builder b;
    try {
      b =
          HttpRequest.newBuilder(URI.create(server.client().base() + a.path))
              .timeout(Duration.ofSeconds(30));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the generator built an invalid URI: " + a.path, e);
    }
    b.method(
        a.method,
        a.body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(a.body));
    b.header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN);
    a.headers.forEach(
        (k, v) -> {
          if (k.equals("Authorization")) b.setHeader(k, v);
          else b.header(k, v);
        });
    if (a.contentType != null && !a.contentType.isEmpty()) b.header("Content-Type", a.contentType);
    try {
      try {
        return exchange(b.build());
      } catch (java.net.http.HttpTimeoutException e) {
        return new Answer(0, "");
      } catch (IOException e) {
        // A kept-alive connection the server had already closed (after refusing a body it did not
        // read) fails before any answer; the request is sent again once, on a new connection.
        reconnects++;
        return exchange(b.build());
      }
    } catch (java.net.http.HttpTimeoutException e) {
      return new Answer(0, "");
    } catch (IOException e) {
      throw new IllegalStateException(
          "the server dropped " + a.method + " " + a.path + " twice", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Answer exchange(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body());
  }

  record Answer(int status, String body) {}

  /** A registered route, from App's "METHOD /path/{param}". */
  record Route(String method, String path) {
    static Route parse(String route) {
      int space = route.indexOf(' ');
      return new Route(route.substring(0, space), route.substring(space + 1));
    }
  }

  record Attempt(
      String method, String path, byte[] body, String contentType, Map<String, String> headers) {
    String describe(Answer answer) {
      String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      return method
          + " "
          + abbreviate(path)
          + " ["
          + contentType
          + "] "
          + headers.keySet()
          + " body="
          + abbreviate(text)
          + " => "
          + answer.status
          + " "
          + abbreviate(answer.body);
    }

    private static String abbreviate(String s) {
      return s == null
          ? ""
          : s.length() <= 300 ? s : s.substring(0, 300) + "…(" + s.length() + " chars)";
    }
  }

  /** The parts of the store a refused request must leave alone, compared as whole. */
  record Fingerprint(
      long resources,
      long lastModifiedSum,
      long docChars,
      long refs,
      long audit,
      long tokens,
      long revoked,
      long templates) {
    static Fingerprint of(TestServer server) {
      return server
          .app()
          .database()
          .jdbi()
          .withHandle(
              h ->
                  h.createQuery(
                          """
          select (select count(*) from resources), (select coalesce(sum(last_modified), 0) from resources),
                 (select coalesce(sum(length(doc)), 0) from resources), (select count(*) from resource_refs),
                 (select count(*) from audit_entries), (select count(*) from access_tokens),
                 (select count(revoked_at) from access_tokens), (select count(*) from templates)""")
                      .map(
                          (rs, ctx) ->
                              new Fingerprint(
                                  rs.getLong(1),
                                  rs.getLong(2),
                                  rs.getLong(3),
                                  rs.getLong(4),
                                  rs.getLong(5),
                                  rs.getLong(6),
                                  rs.getLong(7),
                                  rs.getLong(8)))
                      .one());
    }
  }
}

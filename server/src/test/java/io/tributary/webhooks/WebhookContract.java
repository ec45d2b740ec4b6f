package io.tributary.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.testing.LocalApi;
import io.tributary.testing.TestServer;
import io.tributary.testing.Waits;
import io.tributary.web.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook listeners end to end (D19, D24): each verification mode accepts what is signed and
 * refuses what is not, each body shape becomes records, and the records reach an import at a local
 * HTTP server through jobs of the flow.
 */
abstract class WebhookContract {
  protected TestServer server;
  protected ApiClient api;
  protected Fixtures fx;
  protected LocalApi remote;
  protected final List<JsonNode> sunk = new CopyOnWriteArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  abstract boolean postgres();

  @BeforeEach
  void start() {
    server = TestServer.start(postgres());
    api = server.client();
    fx = new Fixtures(api);
    remote = new LocalApi();
    remote.on(
        "POST",
        "/sink",
        req -> {
          sunk.add(Json.read(req.body()));
          return LocalApi.Response.json(201, "{\"id\":\"x\"}");
        });
  }

  @AfterEach
  void stop() {
    remote.close();
    server.close();
  }

  /** A webhook export with this block, a flow from it to an import posting to /sink. */
  protected Listening listening(String webhook) {
    return listening(webhook, "");
  }

  protected Listening listening(String webhook, String exportExtra) {
    String export =
        fx.create(
            "exports",
            "{\"name\":\"hook\",\"adaptorType\":\"WebhookExport\",\"webhook\":"
                + webhook
                + exportExtra
                + "}");
    String conn =
        fx.create(
            "connections",
            """
            {"type":"http","name":"sink","http":{"baseURI":"%s","mediaType":"json",
             "auth":{"type":"token","token":{"token":"t","location":"header","scheme":"Bearer"}}}}"""
                .formatted(remote.baseUrl()));
    String imp = fx.httpImport(conn, "sink");
    String flow =
        fx.create(
            "flows",
            """
            {"name":"from hook","pageGenerators":[{"_exportId":"%s"}],
             "pageProcessors":[{"type":"import","_importId":"%s"}]}"""
                .formatted(export, imp));
    return new Listening(export, flow, fx.get("exports", export));
  }

  protected record Listening(String export, String flow, JsonNode doc) {
    String url() {
      return doc.at("/webhook/url").asText();
    }
  }

  protected HttpResponse<String> post(
      String url, String contentType, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) b.header("Content-Type", contentType);
    headers.forEach(b::header);
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("POST " + url + " failed", e);
    }
  }

  protected HttpResponse<String> postJson(String url, String json, Map<String, String> headers) {
    return post(url, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** Waits until the sink holds {@code n} records (fails after 60 s). */
  protected List<JsonNode> awaitSunk(int n) {
    Waits.until(n + " records at the sink", Duration.ofSeconds(60), () -> sunk.size(), s -> s >= n);
    return sunk;
  }

  private static void refused(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    // Nothing says why: the same answer whatever was wrong.
    assertThat(Json.read(r.body()).at("/errors/0/message").asText()).isEqualTo("Unauthorized.");
  }

  @Test
  void aTokenInTheHeaderIsChecked() {
    Listening l = listening("{\"verify\":\"token\",\"token\":\"s3cret-token\"}");
    assertThat(l.doc().at("/webhook/token").asText()).isEqualTo("******");
    assertThat(l.url())
        .isEqualTo(api.base() + "/v1/exports/" + l.export() + "/data"); // no secret in it
    assertThat(server.storedDocument(l.export())).doesNotContain("s3cret-token");
    refused(postJson(l.url(), "{\"n\":0}", Map.of("Authorization", "Bearer wrong")));
    refused(postJson(l.url(), "{\"n\":0}", Map.of()));
    HttpResponse<String> ok =
        postJson(l.url(), "{\"n\":1}", Map.of("Authorization", "Bearer s3cret-token"));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
    assertThat(awaitSunk(1).get(0).get("n").asInt()).isEqualTo(1);
  }

  @Test
  void aTokenInTheQueryOrTheBodyIsChecked() {
    Listening q =
        listening(
            "{\"verify\":\"token\",\"token\":\"qtok\",\"tokenLocation\":\"query\","
                + "\"tokenQueryParamName\":\"key\"}");
    refused(postJson(q.url() + "?key=nope", "{\"n\":1}", Map.of()));
    assertThat(postJson(q.url() + "?key=qtok", "{\"n\":1}", Map.of()).statusCode()).isEqualTo(204);
    Listening b =
        listening(
            "{\"verify\":\"token\",\"token\":\"btok\",\"tokenLocation\":\"body\","
                + "\"path\":\"auth.token\",\"pathToRecords\":\"items\"}");
    refused(postJson(b.url(), "{\"auth\":{\"token\":\"x\"},\"items\":[{\"n\":2}]}", Map.of()));
    refused(postJson(b.url(), "not json", Map.of()));
    HttpResponse<String> ok =
        postJson(b.url(), "{\"auth\":{\"token\":\"btok\"},\"items\":[{\"n\":2}]}", Map.of());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
    List<JsonNode> got = awaitSunk(2);
    assertThat(got.stream().map(r -> r.get("n").asInt())).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void hmacSignaturesOfEveryAlgorithmAndEncodingAreChecked() {
    int expected = 0;
    for (String algorithm : List.of("sha1", "sha256", "sha384", "sha512")) {
      for (String encoding : List.of("hex", "base64")) {
        Listening l =
            listening(
                "{\"verify\":\"hmac\",\"key\":\"k3y\",\"algorithm\":\""
                    + algorithm
                    + "\",\"encoding\":\""
                    + encoding
                    + "\",\"header\":\"X-Signature\"}");
        assertThat(l.doc().at("/webhook/key").asText()).isEqualTo("******");
        String body = "{\"alg\":\"" + algorithm + "\",\"enc\":\"" + encoding + "\"}";
        String sig = sign(algorithm, encoding, "k3y", body);
        refused(
            postJson(l.url(), body, Map.of("X-Signature", sign(algorithm, encoding, "k", body))));
        refused(postJson(l.url(), body + " ", Map.of("X-Signature", sig))); // another body
        refused(postJson(l.url(), body, Map.of()));
        assertThat(postJson(l.url(), body, Map.of("X-Signature", sig)).statusCode()).isEqualTo(204);
        // With the algorithm's name in front, as GitHub sends it.
        assertThat(
                postJson(l.url(), body, Map.of("X-Signature", algorithm + "=" + sig)).statusCode())
            .isEqualTo(204);
        expected += 2;
      }
    }
    assertThat(awaitSunk(expected)).hasSize(expected);
  }

  @Test
  void basicAuthIsChecked() {
    Listening l = listening("{\"verify\":\"basic\",\"username\":\"u\",\"password\":\"pw\"}");
    assertThat(l.doc().at("/webhook/password").asText()).isEqualTo("******");
    refused(postJson(l.url(), "{}", Map.of("Authorization", basic("u", "nope"))));
    refused(postJson(l.url(), "{}", Map.of("Authorization", basic("x", "pw"))));
    refused(postJson(l.url(), "{}", Map.of("Authorization", "Basic !!!")));
    assertThat(
            postJson(l.url(), "{\"n\":5}", Map.of("Authorization", basic("u", "pw"))).statusCode())
        .isEqualTo(204);
    assertThat(awaitSunk(1).get(0).get("n").asInt()).isEqualTo(5);
  }

  @Test
  void aSecretUrlHoldsItsSecretAndOnlyManagersSeeIt() {
    Listening l = listening("{\"verify\":\"secret_url\"}");
    String url = l.url();
    assertThat(url).startsWith(api.base() + "/v1/exports/" + l.export() + "/").endsWith("/data");
    String secret = url.split("/")[url.split("/").length - 2];
    assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
    assertThat(l.doc().at("/webhook/token").asText()).isEqualTo("******");
    refused(postJson(url.replace(secret, secret.substring(1) + "0"), "{}", Map.of()));
    refused(postJson(api.base() + "/v1/exports/" + l.export() + "/data", "{}", Map.of()));
    assertThat(postJson(url, "{\"n\":7}", Map.of()).statusCode()).isEqualTo(204);
    assertThat(awaitSunk(1).get(0).get("n").asInt()).isEqualTo(7);
    // Sent back masked, the secret (and so the URL) stays.
    ObjectNode doc = (ObjectNode) l.doc().deepCopy();
    ((ObjectNode) doc.get("webhook")).put("url", "http://elsewhere/");
    assertThat(api.put("/v1/exports/" + l.export(), doc).json().at("/webhook/url").asText())
        .isEqualTo(url);
    ApiClient.Response t =
        api.post(
            "/v1/accesstokens",
            Json.parse(
                "{\"name\":\"m\",\"fullAccess\":false,\"accessLevel\":\"monitor\","
                    + "\"_exportIds\":[\""
                    + l.export()
                    + "\"]}"));
    assertThat(t.status()).as(t.body()).isEqualTo(201);
    JsonNode seen =
        api.withToken(t.json().get("token").asText()).get("/v1/exports/" + l.export()).json();
    assertThat(seen.at("/webhook/verify").asText()).isEqualTo("secret_url");
    assertThat(seen.at("/webhook").has("url")).isFalse();
  }

  @Test
  void objectsArraysPathsAndFormsBecomeRecords() {
    Listening l =
        listening(
            "{\"verify\":\"token\",\"token\":\"t\",\"tokenLocation\":\"query\"}",
            ",\"pageSize\":2");
    String url = l.url() + "?token=t";
    assertThat(postJson(url, "{\"shape\":\"object\"}", Map.of()).statusCode()).isEqualTo(204);
    assertThat(
            postJson(
                    url,
                    "[{\"shape\":\"array\",\"i\":1},{\"shape\":\"array\",\"i\":2},"
                        + "{\"shape\":\"array\",\"i\":3}]",
                    Map.of())
                .statusCode())
        .isEqualTo(204);
    HttpResponse<String> form =
        post(
            url,
            "application/x-www-form-urlencoded",
            "shape=form&name=J%C3%BCrgen+M&tag=a&tag=b".getBytes(StandardCharsets.UTF_8),
            Map.of());
    assertThat(form.statusCode()).as(form.body()).isEqualTo(204);
    assertThat(postJson(url, "[]", Map.of()).statusCode()).isEqualTo(204); // nothing to store
    assertThat(postJson(url, "{not json", Map.of()).statusCode()).isEqualTo(400);
    assertThat(postJson(url, "[1,2]", Map.of()).statusCode()).isEqualTo(400);
    List<JsonNode> got = awaitSunk(5);
    assertThat(got.stream().filter(r -> r.path("shape").asText().equals("array"))).hasSize(3);
    JsonNode f =
        got.stream().filter(r -> r.path("shape").asText().equals("form")).findFirst().orElseThrow();
    assertThat(f.get("name").asText()).isEqualTo("Jürgen M");
    assertThat(f.get("tag")).hasSize(2);

    Listening p =
        listening(
            "{\"verify\":\"token\",\"token\":\"t\",\"tokenLocation\":\"query\","
                + "\"pathToRecords\":\"data.events\"}");
    String purl = p.url() + "?token=t";
    assertThat(
            postJson(
                    purl,
                    "{\"data\":{\"events\":[{\"shape\":\"path\"},{\"shape\":\"path\"}]}}",
                    Map.of())
                .statusCode())
        .isEqualTo(204);
    assertThat(postJson(purl, "{\"data\":{}}", Map.of()).statusCode()).isEqualTo(400);
    awaitSunk(7);
    assertThat(sunk.stream().filter(r -> r.path("shape").asText().equals("path"))).hasSize(2);
  }

  @Test
  void theAnswerIsTheOneConfigured() {
    Listening l =
        listening(
            "{\"verify\":\"token\",\"token\":\"t\",\"tokenLocation\":\"query\","
                + "\"successStatusCode\":200,\"successBody\":\"accepted\","
                + "\"successMediaType\":\"plaintext\"}");
    HttpResponse<String> r = postJson(l.url() + "?token=t", "{}", Map.of());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("accepted");
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
  }

  @Test
  void unknownTooLargeAndDisabledAreRefused() {
    Listening l = listening("{\"verify\":\"token\",\"token\":\"t\",\"tokenLocation\":\"query\"}");
    String unknown = api.base() + "/v1/exports/0123456789abcdef01234567/data?token=t";
    assertThat(postJson(unknown, "{}", Map.of()).statusCode()).isEqualTo(404);
    assertThat(postJson(api.base() + "/v1/exports/nope/data", "{}", Map.of()).statusCode())
        .isEqualTo(404);
    byte[] big = new byte[5 * 1024 * 1024 + 10];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    // With Expect: 100-continue the server refuses before the body is sent; without it, a client
    // still writing 5 MB after the 413 and the server's close may see a broken pipe instead.
    HttpResponse<String> tooLarge;
    try {
      tooLarge =
          http.send(
              HttpRequest.newBuilder(URI.create(l.url() + "?token=t"))
                  .expectContinue(true)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("POST of 5 MB failed", e);
    }
    assertThat(tooLarge.statusCode()).isEqualTo(413);

    JsonNode flow = api.get("/v1/flows/" + l.flow()).json();
    ((ObjectNode) flow).put("disabled", true);
    assertThat(api.put("/v1/flows/" + l.flow(), flow).status()).isEqualTo(200);
    HttpResponse<String> disabled = postJson(l.url() + "?token=t", "{}", Map.of());
    assertThat(disabled.statusCode()).isEqualTo(422);
    assertThat(Json.read(disabled.body()).at("/errors/0/code").asText()).isEqualTo("flow_disabled");
    // Unverified, a disabled listener says nothing more than any other refusal.
    refused(postJson(l.url() + "?token=x", "{}", Map.of()));
  }

  @Test
  void badListenersAreRefusedAtSaveWithTheirField() {
    String[][] cases = {
      {"{\"verify\":\"magic\"}", "webhook.verify"},
      {"{\"verify\":\"token\"}", "webhook.token"},
      {
        "{\"verify\":\"token\",\"token\":\"t\",\"tokenLocation\":\"cookie\"}",
        "webhook.tokenLocation"
      },
      {"{\"verify\":\"token\",\"token\":\"t\",\"tokenLocation\":\"body\"}", "webhook.path"},
      {
        "{\"verify\":\"hmac\",\"key\":\"k\",\"header\":\"X-S\",\"algorithm\":\"md5\"}",
        "webhook.algorithm"
      },
      {
        "{\"verify\":\"hmac\",\"key\":\"k\",\"header\":\"X-S\",\"encoding\":\"hex2\"}",
        "webhook.encoding"
      },
      {"{\"verify\":\"hmac\",\"header\":\"X-S\"}", "webhook.key"},
      {"{\"verify\":\"hmac\",\"key\":\"k\"}", "webhook.header"},
      {"{\"verify\":\"basic\",\"username\":\"u\"}", "webhook.password"},
      {"{\"verify\":\"secret_url\",\"token\":\"short\"}", "webhook.token"},
      {"{\"verify\":\"secret_url\",\"successStatusCode\":500}", "webhook.successStatusCode"},
      {"{\"verify\":\"secret_url\",\"successStatusCode\":\"204\"}", "webhook.successStatusCode"},
      {"{\"verify\":\"token\",\"token\":12}", "webhook.token"},
    };
    for (String[] c : cases) {
      ApiClient.Response r =
          api.post(
              "/v1/exports",
              Json.parse(
                  "{\"name\":\"h\",\"adaptorType\":\"WebhookExport\",\"webhook\":" + c[0] + "}"));
      assertThat(r.status()).as(c[0] + " -> " + r.body()).isEqualTo(422);
      assertThat(r.errorFields()).as(c[0]).contains(c[1]);
    }
  }

  @Test
  void aBurstBecomesAFewJobsWhoseCountsAddUp() throws Exception {
    Listening l =
        listening(
            "{\"verify\":\"hmac\",\"key\":\"k\",\"header\":\"X-Hub-Signature-256\"}",
            ",\"pageSize\":10");
    int n = 300;
    List<Future<Integer>> answers = new ArrayList<>();
    try (ExecutorService senders = Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < n; i++) {
        String body = "{\"i\":" + i + "}";
        String sig = "sha256=" + sign("sha256", "hex", "k", body);
        answers.add(
            senders.submit(
                () -> postJson(l.url(), body, Map.of("X-Hub-Signature-256", sig)).statusCode()));
      }
      for (Future<Integer> a : answers) assertThat(a.get()).isEqualTo(204);
    }
    List<JsonNode> got = awaitSunk(n);
    assertThat(got.stream().map(r -> r.get("i").asInt()).distinct()).hasSize(n);
    List<JsonNode> jobs =
        Waits.until(
            "the flow's jobs to end",
            Duration.ofSeconds(60),
            () -> {
              List<JsonNode> all = new ArrayList<>();
              api.get("/v1/jobs?_flowId=" + l.flow()).json().forEach(all::add);
              return all;
            },
            all ->
                !all.isEmpty()
                    && all.stream().allMatch(j -> j.get("status").asText().equals("completed")));
    assertThat(jobs.size()).as("jobs for %d requests", n).isLessThan(n / 10);
    long exported = 0;
    for (JsonNode job : jobs) {
      assertThat(job.get("type").asText()).isEqualTo("flow");
      JsonNode full = api.get("/v1/jobs/" + job.get("_id").asText()).json();
      for (JsonNode child : full.get("children")) {
        if (l.export().equals(child.path("_exportId").asText()))
          exported += child.get("numExport").asLong();
      }
      assertThat(full.get("numExport").asLong()).isEqualTo(full.get("numSuccess").asLong());
    }
    assertThat(exported).isEqualTo(n);
  }

  static String sign(String algorithm, String encoding, String key, String body) {
    String name =
        switch (algorithm) {
          case "sha1" -> "HmacSHA1";
          case "sha384" -> "HmacSHA384";
          case "sha512" -> "HmacSHA512";
          default -> "HmacSHA256";
        };
    try {
      Mac mac = Mac.getInstance(name);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), name));
      byte[] sig = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
      return encoding.equals("base64")
          ? Base64.getEncoder().encodeToString(sig)
          : HexFormat.of().formatHex(sig);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}

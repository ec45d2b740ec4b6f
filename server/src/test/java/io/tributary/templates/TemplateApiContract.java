package io.tributary.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.testing.MutableClock;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Download a flow as a template, install it elsewhere (twice), and refuse broken zips. */
abstract class TemplateApiContract {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  private TestServer source;
  private ApiClient api;
  private Fixtures fx;

  abstract boolean postgres();

  @BeforeEach
  void start() {
    source = TestServer.start(postgres(), clock);
    api = source.client();
    fx = new Fixtures(api);
  }

  @AfterEach
  void stop() {
    source.close();
  }

  record Sample(String flow, String conn, String other, String lookup) {}

  private Sample sample() {
    String integration =
        fx.create("integrations", "{\"name\":\"shop\",\"flowGroupings\":[{\"name\":\"orders\"}]}");
    String grouping =
        api.get("/v1/integrations/" + integration).json().at("/flowGroupings/0/_id").asText();
    String conn = fx.httpConnection("shop api");
    String other =
        fx.create(
            "connections",
            "{\"type\":\"http\",\"name\":\"erp\",\"http\":{\"baseURI\":\"http://127.0.0.1:7\","
                + "\"auth\":{\"type\":\"token\",\"token\":{\"token\":\"erp-SECRET\"}}}}");
    String script =
        fx.create("scripts", "{\"name\":\"s\",\"content\":\"function f(o){return o}\"}");
    String src = fx.httpExport(conn, "orders", false);
    String lookup = fx.httpExport(conn, "customer", true);
    String sink =
        fx.create(
            "imports",
            """
        {"name":"erp orders","_connectionId":"%s","http":{"relativeURI":["/o"]},"hooks":{"postMap":{"_scriptId":"%s","function":"f"}},
         "mapping":{"fields":[{"extract":"id","generate":"orderId"}]}}"""
                .formatted(other, script));
    String flow =
        fx.create(
            "flows",
            """
        {"name":"orders to erp","_integrationId":"%s","_flowGroupingId":"%s","schedule":"*/15 * * * *",
         "pageGenerators":[{"_exportId":"%s"}],
         "pageProcessors":[{"type":"export","_exportId":"%s","responseMapping":{"fields":[{"extract":"data[0]","generate":"c"}]}},
                           {"type":"import","_importId":"%s"}]}"""
                .formatted(integration, grouping, src, lookup, sink));
    return new Sample(flow, conn, other, lookup);
  }

  private byte[] download(String flowId) {
    String url = api.get("/v1/flows/" + flowId + "/template").json().get("signedURL").asText();
    var r = api.withToken(null).getBytes(url);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
    return r.body();
  }

  private static Map<String, String> entries(byte[] zip) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null)
        out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static byte[] zip(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void aTemplateCarriesEveryResourceAndNoSecret() throws IOException {
    Sample s = sample();
    Map<String, String> files = entries(download(s.flow()));
    assertThat(files).containsKeys("manifest.json", "integration.json");
    assertThat(files.keySet())
        .anyMatch(k -> k.startsWith("flows/"))
        .anyMatch(k -> k.startsWith("exports/"))
        .anyMatch(k -> k.startsWith("imports/"))
        .anyMatch(k -> k.startsWith("scripts/"))
        .anyMatch(k -> k.startsWith("connections/"));
    assertThat(Json.read(files.get("manifest.json")).get("resources")).hasSize(8);
    String all = String.join("\n", files.values());
    assertThat(all)
        .doesNotContain("s3cret")
        .doesNotContain("erp-SECRET")
        .doesNotContain("******")
        .doesNotContain("enc:v1");
  }

  @Test
  void signedUrlsExpireAndRefuseTampering() {
    Sample s = sample();
    String url = api.get("/v1/flows/" + s.flow() + "/template").json().get("signedURL").asText();
    ApiClient anonymous = api.withToken(null);
    assertThat(anonymous.getBytes(url.replace("signature=", "signature=x")).statusCode())
        .isEqualTo(403);
    assertThat(anonymous.getBytes(url.replaceAll("expires=\\d", "expires=9")).statusCode())
        .isEqualTo(403);
    assertThat(anonymous.getBytes(url.replace(s.flow(), s.lookup())).statusCode()).isEqualTo(403);
    clock.advance(Duration.ofMinutes(14));
    assertThat(anonymous.getBytes(url).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(2));
    assertThat(anonymous.getBytes(url).statusCode()).isEqualTo(403);
    assertThat(api.get("/v1/flows/0123456789abcdef01234567/template").status()).isEqualTo(404);
  }

  @Test
  void installingElsewhereReproducesTheFlowAndTwiceGivesTwoCopies() throws IOException {
    Sample s = sample();
    byte[] zip = download(s.flow());
    JsonNode original = api.get("/v1/flows/" + s.flow()).json();
    try (TestServer target = TestServer.start(postgres())) {
      ApiClient other = target.client();
      String mine =
          new Fixtures(other)
              .create(
                  "connections",
                  "{\"type\":\"http\",\"name\":\"my shop\",\"http\":{\"baseURI\":\"http://127.0.0.1:8\"}}");
      ApiClient.Response uploaded = other.postBytes("/v1/templates", zip, "application/zip");
      assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
      String templateId = uploaded.json().get("_id").asText();
      ApiClient.Response installed =
          other.post(
              "/v1/templates/" + templateId + "/install",
              Json.parse("{\"connectionMap\":{\"" + s.conn() + "\":\"" + mine + "\"}}"));
      assertThat(installed.status()).as(installed.body()).isEqualTo(201);
      JsonNode flows = other.get("/v1/flows").json();
      assertThat(flows).hasSize(1);
      JsonNode copy = flows.get(0);
      assertThat(strip(copy)).isEqualTo(strip(original));
      JsonNode lookup =
          other.get("/v1/exports/" + copy.at("/pageProcessors/0/_exportId").asText()).json();
      assertThat(lookup.get("_connectionId").asText()).isEqualTo(mine);
      JsonNode erp = other.get("/v1/connections").json();
      JsonNode created = null;
      for (JsonNode c : erp) if (c.get("name").asText().equals("erp")) created = c;
      assertThat(created.get("offline").asBoolean()).isTrue();
      assertThat(created.at("/http/auth/token").has("token")).isFalse();
      JsonNode integration =
          other.get("/v1/integrations/" + copy.get("_integrationId").asText()).json();
      assertThat(copy.get("_flowGroupingId")).isEqualTo(integration.at("/flowGroupings/0/_id"));

      assertThat(other.post("/v1/templates/" + templateId + "/install", "").status())
          .isEqualTo(201);
      assertThat(other.get("/v1/flows").json()).hasSize(2);
      assertThat(other.get("/v1/exports").json()).hasSize(4);
    }
  }

  /** A flow without what differs by installation: ids, timestamps, the references' values. */
  private static JsonNode strip(JsonNode flow) {
    ObjectNode copy = flow.deepCopy();
    copy.remove(
        List.of(
            "_id", "createdAt", "lastModified", "nextRunAt", "_integrationId", "_flowGroupingId"));
    copy.get("pageGenerators").forEach(p -> ((ObjectNode) p).remove("_exportId"));
    copy.get("pageProcessors")
        .forEach(p -> ((ObjectNode) p).remove(List.of("_exportId", "_importId")));
    return copy;
  }

  @Test
  void brokenTemplatesAreRefusedAndCreateNothing() throws IOException {
    Sample s = sample();
    Map<String, String> files = entries(download(s.flow()));
    int flowsBefore = api.get("/v1/flows").json().size();

    assertThat(api.postBytes("/v1/templates", "not a zip".getBytes(), "application/zip").status())
        .isEqualTo(422);
    Map<String, String> noManifest = new LinkedHashMap<>(files);
    noManifest.remove("manifest.json");
    assertThat(api.postBytes("/v1/templates", zip(noManifest), "application/zip").errorCode())
        .isEqualTo("invalid_template");
    Map<String, String> badManifest = new LinkedHashMap<>(files);
    badManifest.put("manifest.json", "{\"version\":7}");
    assertThat(api.postBytes("/v1/templates", zip(badManifest), "application/zip").status())
        .isEqualTo(422);

    Map<String, String> missing = new LinkedHashMap<>(files);
    ObjectNode manifest = (ObjectNode) Json.read(files.get("manifest.json"));
    var resources = (com.fasterxml.jackson.databind.node.ArrayNode) manifest.get("resources");
    for (int i = 0; i < resources.size(); i++) {
      if (resources.get(i).get("_id").asText().equals(s.lookup())) {
        missing.remove(resources.get(i).get("path").asText());
        resources.remove(i);
        break;
      }
    }
    missing.put("manifest.json", manifest.toString());
    ApiClient.Response r = api.postBytes("/v1/templates", zip(missing), "application/zip");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body()).contains(s.lookup());

    Map<String, String> escaping = new LinkedHashMap<>(files);
    escaping.put("../evil.json", "{}");
    assertThat(api.postBytes("/v1/templates", zip(escaping), "application/zip").status())
        .isEqualTo(422);
    Map<String, String> absolute = new LinkedHashMap<>(files);
    absolute.put("/etc/evil.json", "{}");
    assertThat(api.postBytes("/v1/templates", zip(absolute), "application/zip").status())
        .isEqualTo(422);

    byte[] big = new byte[6 * 1024 * 1024];
    assertThat(api.postBytes("/v1/templates", big, "application/zip").status()).isEqualTo(413);

    String id =
        api.postBytes("/v1/templates", zip(files), "application/zip").json().get("_id").asText();
    String rdbms =
        fx.create(
            "connections",
            "{\"type\":\"rdbms\",\"name\":\"pg\",\"rdbms\":{\"type\":\"postgresql\"}}");
    ApiClient.Response wrongType =
        api.post(
            "/v1/templates/" + id + "/install",
            Json.parse("{\"connectionMap\":{\"" + s.conn() + "\":\"" + rdbms + "\"}}"));
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.errorCode()).isEqualTo("invalid_connectionMap");
    assertThat(
            api.post(
                    "/v1/templates/" + id + "/install",
                    Json.parse("{\"_integrationId\":\"0123456789abcdef01234567\"}"))
                .errorCode())
        .isEqualTo("invalid_ref");
    assertThat(api.get("/v1/flows").json().size()).isEqualTo(flowsBefore);
    assertThat(api.post("/v1/templates/0123456789abcdef01234567/install", "").status())
        .isEqualTo(404);
  }

  @Test
  void uploadedTemplatesAreListedDeletedAndCappedInSize() throws IOException {
    Sample s = sample();
    Map<String, String> files = entries(download(s.flow()));
    assertThat(api.get("/v1/templates").json()).isEmpty();
    ApiClient.Response up = api.postBytes("/v1/templates", zip(files), "application/zip");
    String id = up.json().get("_id").asText();
    JsonNode list = api.get("/v1/templates").json();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("_id").asText()).isEqualTo(id);
    assertThat(list.get(0).get("manifest")).isEqualTo(up.json().get("manifest"));
    assertThat(list.get(0).get("bytes").asLong()).isPositive();

    // A template that unzips to more than a stored template may hold: refused, nothing stored.
    Map<String, String> huge = new LinkedHashMap<>(files);
    String flowPath =
        huge.keySet().stream().filter(k -> k.startsWith("flows/")).findFirst().orElseThrow();
    ObjectNode flow = (ObjectNode) Json.read(huge.get(flowPath));
    flow.put("description", "x".repeat(11 * 1024 * 1024));
    huge.put(flowPath, flow.toString());
    ApiClient.Response tooBig = api.postBytes("/v1/templates", zip(huge), "application/zip");
    assertThat(tooBig.status()).as(tooBig.body()).isEqualTo(413);
    assertThat(api.get("/v1/templates").json()).hasSize(1);

    assertThat(api.delete("/v1/templates/" + id).status()).isEqualTo(204);
    assertThat(api.get("/v1/templates").json()).isEmpty();
    assertThat(api.delete("/v1/templates/" + id).status()).isEqualTo(404);
    assertThat(api.delete("/v1/templates/nope").status()).isEqualTo(404);
    assertThat(api.post("/v1/templates/" + id + "/install", "").status()).isEqualTo(404);
  }
}

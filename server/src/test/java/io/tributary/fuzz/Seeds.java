package io.tributary.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.fuzz.ApiFuzzTest.Route;
import io.tributary.testing.ApiClient;
import io.tributary.web.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real things a fuzzed request can name: one of each resource type wired into a flow whose run
 * left record errors (so error routes see real flow, step and retry data ids), a job, tokens other
 * than the one the fuzzer uses, an uploaded template; and valid bodies to mutate.
 */
final class Seeds {
  private static final List<String> TYPES =
      List.of("flows", "exports", "imports", "connections", "integrations", "scripts");
  private final Map<String, List<String>> ids = new HashMap<>();
  private final Map<String, List<JsonNode>> docs = new HashMap<>();
  private final List<JsonNode> generic = new ArrayList<>();
  private byte[] templateZip;

  private Seeds() {}

  static Seeds create(ApiClient api, String remoteBase) {
    Seeds s = new Seeds();
    String conn =
        s.create(
            api,
            "connections",
            "{\"type\":\"http\",\"name\":\"c\",\"http\":{\"baseURI\":\""
                + remoteBase
                + "\",\"mediaType\":\"json\",\"auth\":{\"type\":\"basic\",\"basic\":{\"username\":\"u\",\"password\":\"pw\"}}}}");
    String integration =
        s.create(api, "integrations", "{\"name\":\"i\",\"flowGroupings\":[{\"name\":\"g\"}]}");
    String script =
        s.create(api, "scripts", "{\"name\":\"s\",\"content\":\"function f(o){return o.data}\"}");
    String export =
        s.create(
            api,
            "exports",
            "{\"name\":\"e\",\"_connectionId\":\""
                + conn
                + "\",\"http\":{\"method\":\"GET\",\"relativeURI\":\"/items\",\"response\":{\"resourcePath\":\"items\"}}}");
    s.create(
        api,
        "exports",
        "{\"name\":\"l\",\"isLookup\":true,\"_connectionId\":\""
            + conn
            + "\",\"http\":{\"method\":\"GET\",\"relativeURI\":\"/items/{{record.id}}\"}}");
    String imp =
        s.create(
            api,
            "imports",
            "{\"name\":\"i\",\"_connectionId\":\""
                + conn
                + "\",\"http\":{\"method\":[\"POST\"],\"relativeURI\":[\"/sink\"]},\"hooks\":{\"preMap\":{\"_scriptId\":\""
                + script
                + "\"}}}");
    // The hook would stop the run, so the flow's import is a copy without it.
    String plainImport =
        s.create(
            api,
            "imports",
            "{\"name\":\"p\",\"_connectionId\":\""
                + conn
                + "\",\"http\":{\"method\":[\"POST\"],\"relativeURI\":[\"/sink\"]}}");
    String flow =
        s.create(
            api,
            "flows",
            "{\"name\":\"f\",\"_integrationId\":\""
                + integration
                + "\",\"pageGenerators\":[{\"_exportId\":\""
                + export
                + "\"}],\"pageProcessors\":[{\"type\":\"import\",\"_importId\":\""
                + plainImport
                + "\"}],\"settings\":{\"a\":[1,2,{\"b\":\"c\"}]}}");
    ApiClient.Response run = api.post("/v1/flows/" + flow + "/run?wait=60", "{}");
    assertThat(run.status()).as(run.body()).isEqualTo(200);
    s.add("jobs", run.json().get("_id").asText());
    JsonNode errors =
        api.get("/v1/flows/" + flow + "/" + plainImport + "/errors").json().get("errors");
    assertThat(errors).as("the seeded run leaves record errors").isNotEmpty();
    for (JsonNode e : errors) {
      s.add("retryDataKey", e.path("retryDataKey").asText());
      s.add("errorId", e.path("errorId").asText());
    }
    s.add(
        "accesstokens",
        api.post("/v1/accesstokens", "{\"name\":\"victim\"}").json().get("_id").asText());
    String signed = api.get("/v1/flows/" + flow + "/template").json().get("signedURL").asText();
    HttpResponse<byte[]> zip = api.getBytes(signed);
    assertThat(zip.statusCode()).isEqualTo(200);
    s.templateZip = zip.body();
    s.add(
        "templates",
        api.postBytes("/v1/templates", s.templateZip, "application/zip")
            .json()
            .get("_id")
            .asText());
    for (String type : TYPES) {
      for (String id : s.ids.get(type)) {
        ObjectNode doc = (ObjectNode) api.get("/v1/" + type + "/" + id).json();
        doc.remove(List.of("_id", "createdAt", "lastModified"));
        s.docs.computeIfAbsent(type, k -> new ArrayList<>()).add(doc);
      }
    }
    s.generic(conn, export, imp, integration);
    return s;
  }

  private void generic(String conn, String export, String imp, String integration) {
    String key = ids.get("retryDataKey").get(0);
    String error = ids.get("errorId").get(0);
    for (String text :
        List.of(
            "{}",
            "{\"name\":\"x\"}",
            "{\"_exportIds\":[\"" + export + "\"],\"startDate\":\"2024-01-01T00:00:00Z\"}",
            "{\"params\":{\"sku\":\"a\"}}",
            "{\"_connectionId\":\"" + conn + "\",\"_newConnectionId\":\"" + conn + "\"}",
            "{\"connectionMap\":{\""
                + conn
                + "\":\""
                + conn
                + "\"},\"_integrationId\":\""
                + integration
                + "\"}",
            "{\"retryDataKeys\":[\"" + key + "\"]}",
            "{\"errors\":[\"" + error + "\"]}",
            "{\"errorIds\":[\"" + error + "\"]}",
            "{\"data\":{\"id\":1}}",
            "{\"name\":\"t\",\"expiresAt\":\"2999-01-01T00:00:00Z\",\"scope\":\"*\"}",
            "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"p\"}]",
            "[{\"op\":\"add\",\"path\":\"/description\",\"value\":\"d\"}]",
            "[{\"op\":\"remove\",\"path\":\"/description\"}]",
            "[{\"op\":\"replace\",\"path\":\"/settings\",\"value\":{\"x\":[1]}}]",
            "{\"_importId\":\"" + imp + "\"}")) {
      generic.add(Json.parse(text));
    }
  }

  private String create(ApiClient api, String type, String json) {
    ApiClient.Response r = api.post("/v1/" + type, json);
    assertThat(r.status()).as("seed %s: %s", type, r.body()).isEqualTo(201);
    String id = r.json().get("_id").asText();
    add(type, id);
    return id;
  }

  private void add(String pool, String value) {
    ids.computeIfAbsent(pool, k -> new ArrayList<>()).add(value);
  }

  byte[] templateZip() {
    return templateZip.clone();
  }

  /** A real value for a path parameter, preferring the kind the route's first segment names. */
  String realValue(Hostile h, String param, Route route) {
    String[] segs = route.path().split("/");
    String routeType = segs.length > 2 ? segs[2] : "";
    List<String> pool =
        switch (param) {
          case "flowId" -> ids.get("flows");
          case "stepId" -> h.chance(0.5) ? ids.get("exports") : ids.get("imports");
          case "retryDataKey" -> ids.get("retryDataKey");
          case "kind" -> List.of("flow", "integration");
          default ->
              ids.containsKey(routeType) && h.chance(0.8)
                  ? ids.get(routeType)
                  : h.pick(List.copyOf(ids.values()));
        };
    return h.pick(pool);
  }

  /** Valid bodies for a route: documents of its type for resource writes, else the generic set. */
  List<JsonNode> validBodies(Route route) {
    String[] segs = route.path().split("/");
    boolean resourceWrite =
        (segs.length == 3 || (segs.length == 4 && segs[3].equals("{id}")))
            && !route.method().equals("PATCH")
            && docs.containsKey(segs.length > 2 ? segs[2] : "");
    return resourceWrite ? docs.get(segs[2]) : generic;
  }

  /** Takes the id of something a fuzzed request created, so later requests can name it. */
  void learn(Route route, String body) {
    try {
      JsonNode n = Json.read(body);
      String[] segs = route.path().split("/");
      String pool = route.path().endsWith("/run") ? "jobs" : segs.length > 2 ? segs[2] : "any";
      String id = n.path("_id").asText(n.path("_jobId").asText(""));
      if (id.matches("[0-9a-f]{24}")) add(pool, id);
    } catch (RuntimeException e) {
      // Not JSON: nothing to learn.
    }
  }
}

package io.tributary.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.web.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates a flow and everything it uses from a JSON fixture under {@code
 * src/test/resources/flows/}: {@code {"connections":{name:doc}, "exports":{...}, "imports":{...},
 * "flow":doc}}. In the documents, {@code ${baseUrl}} is the local API's URL and {@code
 * ${exports.name}} (etc.) the id created for that name.
 */
public final class FlowFixture {
  private final Map<String, String> ids = new LinkedHashMap<>();
  private String flowId;

  public static FlowFixture load(ApiClient api, String name, String baseUrl) {
    return load(api, name, Map.of("baseUrl", baseUrl));
  }

  public static FlowFixture load(ApiClient api, String name, Map<String, String> vars) {
    FlowFixture f = new FlowFixture();
    f.ids.putAll(vars);
    JsonNode fixture = Json.read(read(name));
    for (String kind : new String[] {"connections", "scripts", "exports", "imports"}) {
      fixture
          .path(kind)
          .fields()
          .forEachRemaining(
              e -> f.ids.put(kind + "." + e.getKey(), f.create(api, kind, e.getValue())));
    }
    f.flowId = f.create(api, "flows", fixture.get("flow"));
    return f;
  }

  private String create(ApiClient api, String kind, JsonNode doc) {
    String text = doc.toString();
    for (var e : ids.entrySet()) text = text.replace("${" + e.getKey() + "}", e.getValue());
    ApiClient.Response r = api.post("/v1/" + kind, Json.parse(text));
    assertThat(r.status()).as("fixture %s: %s", kind, r.body()).isEqualTo(201);
    return r.json().get("_id").asText();
  }

  public String flowId() {
    return flowId;
  }

  public String id(String kindDotName) {
    String id = ids.get(kindDotName);
    if (id == null) throw new IllegalArgumentException("no " + kindDotName + " in the fixture");
    return id;
  }

  private static String read(String name) {
    try (InputStream in = FlowFixture.class.getResourceAsStream("/flows/" + name + ".json")) {
      if (in == null) throw new IllegalArgumentException("no fixture flows/" + name + ".json");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

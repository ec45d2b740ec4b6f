package io.tributary.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.web.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The OpenAPI 3.1 description of the API: operations from {@link ApiPaths} (code, beside the route
 * list it must match), schemas and the error envelope from {@code openapi/components.json}.
 */
public final class ApiDocument {
  private ApiDocument() {}

  public static ObjectNode build(String version) {
    ObjectNode doc = Json.object();
    doc.put("openapi", "3.1.0");
    doc.put("jsonSchemaDialect", "https://spec.openapis.org/oas/3.1/dialect/base");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Tributary API");
    info.put("version", version);
    info.put(
        "description",
        "integrator.io's REST API v1 as Tributary implements it. Errors answer "
            + "{\"errors\":[{\"code\",\"message\",\"field\"?}]}; lists page with a Link: rel=\"next\" header.");
    info.putObject("license").put("name", "Apache-2.0");
    doc.putArray("servers").addObject().put("url", "/");
    doc.putArray("security").addObject().putArray("bearer");
    doc.set("paths", ApiPaths.build());
    doc.set("components", components());
    return doc;
  }

  /** The operations as {@code "METHOD /path/{param}"}, the form {@code App.routes()} uses. */
  public static java.util.List<String> operations(JsonNode doc) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fieldNames()
          .forEachRemaining(method -> out.add(method.toUpperCase() + " " + path.getKey()));
    }
    return out;
  }

  private static JsonNode components() {
    try (InputStream in = ApiDocument.class.getResourceAsStream("/openapi/components.json")) {
      if (in == null)
        throw new IllegalStateException("openapi/components.json is missing from the classpath");
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.tributary.access;

import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.web.Json;
import java.util.List;

/** Two integrations, each with a connection, an export, an import, a script and a flow. */
record TwoIntegrations(Side a, Side b) {
  record Side(
      String integration,
      String connection,
      String export,
      String lookup,
      String imp,
      String script,
      String flow) {
    List<String> ids() {
      return List.of(integration, connection, export, lookup, imp, script, flow);
    }
  }

  static TwoIntegrations create(ApiClient admin) {
    Fixtures fx = new Fixtures(admin);
    return new TwoIntegrations(side(fx, "A"), side(fx, "B"));
  }

  private static Side side(Fixtures fx, String name) {
    String integration = fx.integration("integration " + name);
    String connection = fx.httpConnection("connection " + name);
    String script =
        fx.create(
            "scripts",
            "{\"name\":\"script " + name + "\",\"content\":\"function f(o){return o.data;}\"}");
    String export = fx.httpExport(connection, "export " + name, false);
    String lookup = fx.httpExport(connection, "lookup " + name, true);
    String imp =
        fx.create(
            "imports",
            """
        {"name":"import %s","_connectionId":"%s","http":{"method":["POST"],"relativeURI":["/sink"]},
         "hooks":{"preMap":{"_scriptId":"%s","function":"f"}}}"""
                .formatted(name, connection, script));
    String flow =
        fx.create(
            "flows",
            """
        {"name":"flow %s","_integrationId":"%s","pageGenerators":[{"_exportId":"%s"}],
         "pageProcessors":[{"type":"export","_exportId":"%s"},{"type":"import","_importId":"%s"}]}"""
                .formatted(name, integration, export, lookup, imp));
    return new Side(integration, connection, export, lookup, imp, script, flow);
  }

  /** A new token's value, made by {@code admin} from a JSON body. */
  static String token(ApiClient admin, String body) {
    ApiClient.Response r = admin.post("/v1/accesstokens", Json.parse(body));
    if (r.status() != 201) throw new AssertionError("token not created: " + r);
    return r.json().get("token").asText();
  }
}

package io.tributary.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Walks every route Javalin has registered with a token scoped to integration A, aimed at B's
 * resources: each must have a declared rule, and answer 403 (or, for lists and token info, answer
 * nothing of B). A route added without a rule fails here.
 */
class AccessWalkTest {

  @Test
  void everyRouteHasARuleAndKeepsAScopedTokenOutOfTheOtherIntegration() {
    try (TestServer s = TestServer.start(false)) {
      ApiClient admin = s.client();
      TwoIntegrations two = TwoIntegrations.create(admin);
      String job =
          admin
              .post("/v1/flows/" + two.b().flow() + "/run", Json.object())
              .json()
              .get("_jobId")
              .asText();
      String adminTokenId = admin.get("/v1/accesstokens").json().get(0).get("_id").asText();
      ApiClient scoped =
          admin.withToken(
              TwoIntegrations.token(
                  admin, "{\"_integrationIds\":[\"" + two.a().integration() + "\"]}"));
      String bFlowBefore = admin.get("/v1/flows/" + two.b().flow()).body();
      Map<String, String> ids =
          Map.of(
              "flows",
              two.b().flow(),
              "exports",
              two.b().export(),
              "imports",
              two.b().imp(),
              "connections",
              two.b().connection(),
              "integrations",
              two.b().integration(),
              "scripts",
              two.b().script(),
              "jobs",
              job,
              "accesstokens",
              adminTokenId);
      AccessPolicy policy = new AccessPolicy();
      List<String> problems = new ArrayList<>();
      List<String> routes = s.app().routes();
      assertThat(routes).hasSizeGreaterThan(60);
      for (String route : routes) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1);
        var rule = policy.declared(method, path);
        if (rule.isEmpty()) {
          problems.add(route + ": no access rule declared in AccessPolicy");
          continue;
        }
        if (rule.get() instanceof Rule.Open) continue;
        boolean listing =
            rule.get() instanceof Rule.Listing || rule.get() instanceof Rule.AnyCaller;
        String url =
            fill(path, ids, two)
                + (listing
                    ? "?_flowId=" + two.b().flow() + "&_integrationId=" + two.b().integration()
                    : "");
        Object body =
            method.equals("PATCH")
                ? Json.parse("[]")
                : Json.parse(
                    "{\"name\":\"x\",\"_integrationId\":\"" + two.b().integration() + "\"}");
        ApiClient.Response r =
            scoped.send(method, url, method.equals("GET") || method.equals("DELETE") ? null : body);
        if (listing) {
          if (r.status() >= 300)
            problems.add(route + ": list answered " + r.status() + " " + r.body());
          for (String id : two.b().ids()) {
            if (r.body().contains(id))
              problems.add(route + ": list shows " + id + " of integration B");
          }
        } else if (r.status() != 403) {
          problems.add(route + " (" + url + "): expected 403, got " + r.status() + " " + r.body());
        }
      }
      assertThat(problems).isEmpty();
      assertThat(admin.get("/v1/flows/" + two.b().flow()).body()).isEqualTo(bFlowBefore);
      assertThat(admin.get("/v1/scripts/" + two.b().script()).status()).isEqualTo(200);
    }
  }

  private static String fill(String path, Map<String, String> ids, TwoIntegrations two) {
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (!p.startsWith("{")) continue;
      parts[i] =
          switch (p) {
            case "{id}" -> ids.getOrDefault(parts[i - 1], "0123456789abcdef01234567");
            case "{flowId}" -> two.b().flow();
            case "{stepId}" -> two.b().imp();
            case "{kind}" -> "flows";
            default -> "somekey";
          };
    }
    return String.join("/", parts);
  }
}

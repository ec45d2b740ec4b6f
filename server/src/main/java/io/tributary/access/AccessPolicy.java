package io.tributary.access;

import static io.tributary.access.Level.MANAGE;
import static io.tributary.access.Level.MONITOR;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The access rule of every route, in one table: the method and path as registered with Javalin, the
 * resource the route touches and the level it needs. A route missing here is open to full-access
 * callers only, and {@code AccessWalkTest} fails until it is declared.
 */
public final class AccessPolicy {
  private static final Rule OPEN = new Rule.Open();
  private static final Rule ANY = new Rule.AnyCaller();
  private static final Rule FULL = new Rule.FullAccess();
  private final Map<String, Rule> rules = new HashMap<>();

  public AccessPolicy() {
    add("GET /health", OPEN);
    add("GET /v1/openapi.json", OPEN);
    add("GET /docs", OPEN);
    add("GET /docs/{file}", OPEN);
    // Metrics span every integration; open() when TRIBUTARY_METRICS_PUBLIC=true.
    add("GET /metrics", FULL);
    add("GET /v1/tokenInfo", ANY);
    full(
        "GET /v1/accesstokens",
        "POST /v1/accesstokens",
        "GET /v1/accesstokens/{id}",
        "PUT /v1/accesstokens/{id}",
        "DELETE /v1/accesstokens/{id}",
        "GET /v1/accesstokens/{id}/audit",
        "GET /v1/accesstokens/{id}/display",
        "POST /v1/accesstokens/{id}/generate",
        "GET /v1/audit",
        "GET /v1/cluster",
        "GET /v1/ashares",
        "GET /v1/ashares/{id}",
        "PUT /v1/ashares/{id}",
        "DELETE /v1/ashares/{id}",
        "POST /v1/invite",
        "POST /v1/ashares/{id}/passwordLink");
    // Sign-in carries its own proof (a password, a link's token, a session cookie with its CSRF
    // token).
    for (String r :
        new String[] {
          "POST /auth/password",
          "POST /auth/signin",
          "GET /auth/session",
          "POST /auth/signout",
          "GET /set-password",
          "GET /set-password.js"
        }) {
      add(r, OPEN);
    }
    add("GET /v1/templates/download/{kind}/{id}", OPEN);
    // Webhook listeners prove each request by their export's own rule (token, HMAC, basic, secret
    // URL), not by an API token: the senders are other systems.
    add("POST /v1/exports/{id}/data", OPEN);
    add("POST /v1/exports/{id}/{secret}/data", OPEN);
    resources(Kind.INTEGRATION);
    resources(Kind.FLOW);
    resources(Kind.EXPORT);
    resources(Kind.IMPORT);
    resources(Kind.CONNECTION);
    resources(Kind.SCRIPT);
    integrationRoutes();
    flowRoutes();
    stepRoutes();
    jobRoutes();
  }

  private void resources(Kind k) {
    String base = "/v1/" + k.resourceType();
    add("GET " + base, new Rule.Listing(k));
    add("POST " + base, new Rule.Creating(k));
    on(
        k,
        "id",
        MONITOR,
        "GET " + base + "/{id}",
        "GET " + base + "/{id}/audit",
        "GET " + base + "/{id}/dependencies",
        "GET " + base + "/{id}/state",
        "GET " + base + "/{id}/state/{key}");
    on(
        k,
        "id",
        MANAGE,
        "PUT " + base + "/{id}",
        "PATCH " + base + "/{id}",
        "DELETE " + base + "/{id}",
        "PUT " + base + "/{id}/state/{key}",
        "DELETE " + base + "/{id}/state/{key}",
        "DELETE " + base + "/{id}/state");
  }

  private void integrationRoutes() {
    Kind i = Kind.INTEGRATION;
    on(
        i,
        "id",
        MONITOR,
        "GET /v1/integrations/{id}/flows",
        "GET /v1/integrations/{id}/exports",
        "GET /v1/integrations/{id}/imports",
        "GET /v1/integrations/{id}/connections",
        "GET /v1/integrations/{id}/errors",
        "GET /v1/integrations/{id}/jobs/latest",
        "GET /v1/integrations/{id}/template");
    add("POST /v1/integrations/{id}/clone", FULL);
  }

  private void flowRoutes() {
    Kind f = Kind.FLOW;
    on(
        f,
        "id",
        MONITOR,
        "POST /v1/flows/{id}/run",
        "GET /v1/flows/{id}/jobs/latest",
        "GET /v1/flows/{id}/lastExportDateTime",
        "GET /v1/flows/{id}/schedule/preview",
        "GET /v1/flows/{id}/template",
        "GET /v1/flows/{flowId}/errors");
    on(f, "id", MANAGE, "POST /v1/flows/{id}/clone", "PUT /v1/flows/{id}/replaceConnection");
    on(
        Kind.EXPORT,
        "id",
        MANAGE,
        "POST /v1/exports/{id}/clone",
        "PUT /v1/exports/{id}/replaceConnection");
    on(
        Kind.IMPORT,
        "id",
        MANAGE,
        "POST /v1/imports/{id}/clone",
        "PUT /v1/imports/{id}/replaceConnection");
    on(Kind.EXPORT, "id", MONITOR, "POST /v1/exports/{id}/invoke");
    on(Kind.SCRIPT, "id", MONITOR, "GET /v1/scripts/{id}/logs");
    on(Kind.IMPORT, "id", MANAGE, "POST /v1/imports/{id}/invoke");
    on(
        Kind.CONNECTION,
        "id",
        MONITOR,
        "GET /v1/connections/{id}/ping",
        "POST /v1/connections/{id}/ping");
    // Templates carry whole integrations, and the account-wide state belongs to no integration.
    full(
        "POST /v1/templates",
        "GET /v1/templates",
        "DELETE /v1/templates/{id}",
        "POST /v1/templates/{id}/install",
        "GET /v1/state",
        "DELETE /v1/state",
        "GET /v1/state/{key}",
        "PUT /v1/state/{key}",
        "DELETE /v1/state/{key}");
  }

  private void stepRoutes() {
    String s = "/v1/flows/{flowId}/{stepId}";
    on(
        Kind.FLOW,
        "flowId",
        MONITOR,
        "GET /v1/flows/{flowId}/errors",
        "GET " + s + "/errors",
        "GET " + s + "/resolved",
        "GET " + s + "/{retryDataKey}/data",
        "PUT " + s + "/resolved",
        "DELETE " + s + "/resolved",
        "POST " + s + "/retry");
    // Editing a record's retry data changes what is sent: that is managing, not monitoring.
    on(Kind.FLOW, "flowId", MANAGE, "PUT " + s + "/{retryDataKey}/data");
  }

  private void jobRoutes() {
    add("GET /v1/jobs", new Rule.Listing(Kind.JOB));
    on(
        Kind.JOB,
        "id",
        MONITOR,
        "GET /v1/jobs/{id}",
        "GET /v1/jobs/{id}/family",
        "PUT /v1/jobs/{id}/cancel",
        "DELETE /v1/jobs/{id}");
  }

  private void on(Kind kind, String param, Level level, String... routes) {
    for (String r : routes) {
      String p = r.contains("{flowId}") ? "flowId" : param;
      add(r, new Rule.OnResource(kind, p, level));
    }
  }

  private void full(String... routes) {
    for (String r : routes) add(r, FULL);
  }

  private void add(String route, Rule rule) {
    rules.put(route, rule);
  }

  /** Declares a route open to anyone (a deployment's choice, made at wiring time). */
  public void open(String route) {
    add(route, OPEN);
  }

  /** The declared rule of a route, by method and path as registered. */
  public Optional<Rule> declared(String method, String path) {
    return Optional.ofNullable(rules.get(method + " " + path));
  }

  /** The rule a route is held to: its declared one, else full access only. */
  public Rule rule(String method, String path) {
    return declared(method, path).orElse(FULL);
  }
}

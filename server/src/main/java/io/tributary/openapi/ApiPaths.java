package io.tributary.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.web.Json;
import java.util.Locale;
import java.util.Map;

/**
 * Every route of the server, documented. {@code OpenApiTest} fails when a route Javalin registered
 * is missing here or an operation here has no route, so a new route comes with its entry.
 */
final class ApiPaths {
  private final ObjectNode paths = Json.object();

  /**
   * The list filters of each resource type (D30); unknown filters are ignored, as the original
   * does.
   */
  private static final Map<String, String[]> FILTERS =
      Map.of(
          "flows", new String[] {"_integrationId", "disabled"},
          "exports", new String[] {"_connectionId", "adaptorType", "_integrationId"},
          "imports", new String[] {"_connectionId", "adaptorType", "_integrationId"},
          "connections", new String[] {"type", "_integrationId"});

  private ApiPaths() {}

  static ObjectNode build() {
    ApiPaths p = new ApiPaths();
    p.operations();
    return p.paths;
  }

  private Operation op(String method, String path, String tag, String summary) {
    ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
    return new Operation(
        item.putObject(method.toLowerCase(Locale.ROOT)), method, path, tag, summary);
  }

  private void operations() {
    operational();
    tokens();
    // The generic resources: every type has the same seven routes (ResourceRoutes).
    Map<String, String> types = new java.util.LinkedHashMap<>();
    types.put("flows", "Flow");
    types.put("exports", "Export");
    types.put("imports", "Import");
    types.put("connections", "Connection");
    types.put("integrations", "Integration");
    types.put("scripts", "Script");
    types.forEach(this::resource);
    integrations();
    runs();
    errors();
    flowOperations();
    stepOperations();
    people();
    signIn();
    state();
  }

  private void operational() {
    op("GET", "/health", "operations", "Liveness")
        .open()
        .answers(200, "The server and its store answer", "Health")
        .answers(503, "The store does not answer (take this node out of service)", "Health");
    op("GET", "/metrics", "operations", "Prometheus metrics")
        .describe(
            "Text exposition format 0.0.4. Needs a token unless TRIBUTARY_METRICS_PUBLIC=true.")
        .answersMedia(200, "The current series", "text/plain");
    op("GET", "/v1/openapi.json", "operations", "This document")
        .open()
        .answersMedia(200, "OpenAPI 3.1", "application/json");
    op("GET", "/docs", "operations", "The interactive API reference")
        .open()
        .answersMedia(200, "An HTML page", "text/html");
    op("GET", "/docs/{file}", "operations", "Assets of the API reference")
        .open()
        .answersMedia(200, "A script, style sheet or icon", "application/octet-stream");
    op("GET", "/v1/cluster", "operations", "The nodes of the cluster (full-access tokens)")
        .answersList(200, "Every node that heartbeats, live or silent", "ClusterNode");
  }

  private void tokens() {
    op("GET", "/v1/tokenInfo", "tokens", "Who the calling token belongs to")
        .answers(200, "The token's user and scope", "TokenInfo");
    op("GET", "/v1/accesstokens", "tokens", "List API tokens")
        .answersList(200, "Tokens, values masked", "AccessToken");
    op("POST", "/v1/accesstokens", "tokens", "Create an API token")
        .body("DocumentInput", true)
        .answers(201, "The token, with its value shown this once", "AccessToken");
    op("GET", "/v1/accesstokens/{id}", "tokens", "Get an API token")
        .answers(200, "The token, value masked", "AccessToken");
    op(
            "PUT",
            "/v1/accesstokens/{id}",
            "tokens",
            "Rename, re-scope, set autoPurgeAt or revoke (revoked: true)")
        .body("DocumentInput", true)
        .answers(200, "The token, value masked", "AccessToken");
    op("DELETE", "/v1/accesstokens/{id}", "tokens", "Delete a revoked API token")
        .answers(204, "Deleted (422 unless revoked)", null);
    op("GET", "/v1/accesstokens/{id}/display", "tokens", "Show a token's value")
        .answers(200, "The token with its value", "AccessToken");
    op("POST", "/v1/accesstokens/{id}/generate", "tokens", "Replace a token's value")
        .answers(200, "The token with its new value", "AccessToken");
    op("GET", "/v1/accesstokens/{id}/audit", "tokens", "A token's audit entries")
        .answersList(200, "Newest first", "AuditEntry");
    op("GET", "/v1/scripts/{id}/logs", "scripts", "What a script logged (kept 7 days)")
        .query("level", "string", "debug, info, warn or error")
        .query("from", "string", "ISO instant")
        .query("to", "string", "ISO instant")
        .query("after", "string", "the cursor of a Link: rel=\"next\" header")
        .query("limit", "integer", "at most 1000")
        .answersList(200, "Newest first; Link: rel=\"next\" while more remain", "ScriptLogLine");
    op("GET", "/v1/audit", "audit", "The audit log")
        .query(
            "resourceType",
            "string",
            "flow, export, import, connection, integration, script, accesstoken")
        .query("_resourceId", "string", null)
        .query("_byUserId", "string", null)
        .query("source", "string", null)
        .query("event", "string", "create, update, delete ...")
        .query("from", "string", "ISO instant")
        .query("to", "string", "ISO instant")
        .query("limit", "integer", "1 to 1000")
        .query("offset", "integer", null)
        .answersList(200, "Newest first", "AuditEntry");
  }

  private void resource(String plural, String schema) {
    String base = "/v1/" + plural;
    String tag = plural;
    Operation list =
        op("GET", base, tag, "List " + plural)
            .query("after", "string", "the cursor of a Link: rel=\"next\" header")
            .query("skip", "integer", null)
            .query("limit", "integer", "at most 1000")
            .query("include", "string", "comma-separated fields to keep")
            .query("exclude", "string", "comma-separated fields to drop");
    for (String filter : FILTERS.getOrDefault(plural, new String[0]))
      list.query(filter, "string", "filter (D30)");
    list.answersList(200, "One page; Link: rel=\"next\" while more remain", schema)
        .answers(204, "No " + plural + " at all (flows only, as integrator.io)", null);
    op("POST", base, tag, "Create").body("DocumentInput", true).answers(201, "Created", schema);
    op("GET", base + "/{id}", tag, "Get").answers(200, "The resource", schema);
    op("PUT", base + "/{id}", tag, "Replace")
        .body("DocumentInput", true)
        .answers(200, "Replaced", schema);
    op("PATCH", base + "/{id}", tag, "Change fields (JSON Patch)")
        .body("application/json-patch+json", "JsonPatch", true)
        .answers(204, "Changed", null);
    op("DELETE", base + "/{id}", tag, "Delete")
        .answers(204, "Deleted (409 while something refers to it)", null);
    op("GET", base + "/{id}/audit", tag, "Audit entries")
        .answersList(200, "Newest first", "AuditEntry");
  }

  private void integrations() {
    for (var kind :
        Map.of(
                "flows",
                "Flow",
                "exports",
                "Export",
                "imports",
                "Import",
                "connections",
                "Connection")
            .entrySet()) {
      op(
              "GET",
              "/v1/integrations/{id}/" + kind.getKey(),
              "integrations",
              "The integration's " + kind.getKey())
          .answersList(200, "One page", kind.getValue());
    }
    op(
            "GET",
            "/v1/integrations/{id}/errors",
            "errors",
            "Open errors of each flow step of an integration")
        .answersList(200, "Per flow and step", "Anything");
  }

  private void runs() {
    op("POST", "/v1/flows/{id}/run", "runs", "Run a flow")
        .body("RunRequest", false)
        .query("wait", "integer", "seconds to wait for the job to end (at most 300)")
        .answers(201, "Queued: {\"_jobId\"}", "Anything")
        .answers(200, "Ended within wait", "Job")
        .answers(202, "Still running after wait", "Job");
    op("GET", "/v1/flows/{id}/jobs/latest", "runs", "The flow's latest jobs")
        .answersList(200, "With their children", "Job");
    op("GET", "/v1/flows/{id}/lastExportDateTime", "runs", "Delta marks")
        .answers(200, "Per export", "LastExportDateTime");
    op("GET", "/v1/flows/{id}/schedule/preview", "runs", "Next fire times")
        .query("count", "integer", "how many (default 5)")
        .answersList(200, "ISO instants", "Time");
    op("GET", "/v1/jobs", "runs", "Find jobs")
        .query("_flowId", "string", null)
        .query("_integrationId", "string", null)
        .query("_exportId", "string", null)
        .query("_importId", "string", null)
        .query("_flowJobId", "string", "the children of one flow job")
        .query("type", "string", null)
        .query("type_in", "string", "a,b")
        .query("status", "string", "repeatable")
        .query("_flowId_in", "string", "a,b")
        .query("createdAt_gte", "string", null)
        .query("createdAt_lte", "string", null)
        .answersList(200, "Newest first", "Job");
    op("GET", "/v1/jobs/{id}", "runs", "Get a job").answers(200, "With its children", "Job");
    op("GET", "/v1/jobs/{id}/family", "runs", "A job's flow job with all its children")
        .answers(200, "The flow job", "Job");
    op(
            "GET",
            "/v1/integrations/{id}/jobs/latest",
            "runs",
            "The latest job of each flow of an integration")
        .answersList(200, "With their children", "Job");
    op("PUT", "/v1/jobs/{id}/cancel", "runs", "Cancel a job")
        .answers(200, "The job as it is now", "Job");
    op("DELETE", "/v1/jobs/{id}", "runs", "Cancel a job (as PUT …/cancel)")
        .answers(200, "The job as it is now", "Job");
    op("GET", "/v1/connections/{id}/ping", "connections", "Test a connection")
        .answers(200, "The answer of the system", "PingResult");
    op("POST", "/v1/connections/{id}/ping", "connections", "Test a connection")
        .answers(200, "The answer of the system", "PingResult");
  }

  private void errors() {
    String step = "/v1/flows/{flowId}/{stepId}";
    op("GET", "/v1/flows/{flowId}/errors", "errors", "Open errors per step")
        .answers(200, "Counts per step", "FlowErrors");
    for (String which : new String[] {"errors", "resolved"}) {
      op(
              "GET",
              step + "/" + which,
              "errors",
              "List " + (which.equals("errors") ? "open" : "resolved") + " errors of a step")
          .query("occurredAt_gte", "string", null)
          .query("occurredAt_lte", "string", null)
          .query("source", "string", null)
          .query("after", "string", "the cursor in nextPageURL")
          .answers(200, "One page", "ErrorPage");
    }
    op("PUT", step + "/resolved", "errors", "Resolve errors")
        .body("ResolveRequest", true)
        .answers(204, "Resolved", null);
    op("DELETE", step + "/resolved", "errors", "Delete resolved errors")
        .body("ResolveRequest", false)
        .answers(204, "Deleted", null);
    op("POST", step + "/retry", "errors", "Retry errors")
        .body("RetryRequest", true)
        .answers(201, "A retry job: {\"_jobId\"}", "Anything");
    op("GET", step + "/{retryDataKey}/data", "errors", "A failed record's retry data")
        .answers(200, "{\"data\": record}", "Anything");
    op("PUT", step + "/{retryDataKey}/data", "errors", "Edit a failed record before retrying")
        .body("Anything", true)
        .answers(200, "{\"data\": record}", "Anything");
  }

  private void flowOperations() {
    for (String kind : new String[] {"flows", "exports", "imports", "integrations"}) {
      op("POST", "/v1/" + kind + "/{id}/clone", "clone", "Clone")
          .body("DocumentInput", false)
          .answers(201, "The copies", "Anything");
    }
    op(
            "PUT",
            "/v1/flows/{id}/replaceConnection",
            "flows",
            "Swap a connection in every step that uses it")
        .describe(
            "Steps shared with other flows change for them too; the flow's running jobs are canceled.")
        .body("ReplaceConnection", true)
        .answers(200, "The flow", "Flow");
    for (String kind :
        new String[] {"flows", "exports", "imports", "connections", "integrations"}) {
      op(
              "GET",
              "/v1/" + kind + "/{id}/dependencies",
              kind,
              "What the resource uses and what uses it")
          .answers(200, "By type, non-empty groups only", "Dependencies");
    }
    op("GET", "/v1/flows/{id}/template", "templates", "A signed download URL")
        .answers(200, "Valid for a while", "SignedUrl");
    op("GET", "/v1/integrations/{id}/template", "templates", "A signed download URL")
        .answers(200, "Valid for a while", "SignedUrl");
    op("GET", "/v1/templates/download/{kind}/{id}", "templates", "Download a template (zip)")
        .open()
        .query("expires", "integer", null)
        .query("signature", "string", null)
        .answersMedia(200, "The template archive", "application/zip");
    op("POST", "/v1/templates", "templates", "Upload a template (zip)")
        .body("application/zip", "Anything", true)
        .answers(201, "{\"_id\", \"manifest\"}", "Anything");
    op("GET", "/v1/templates", "templates", "List uploaded templates")
        .answersList(200, "Oldest first", "TemplateSummary");
    op("DELETE", "/v1/templates/{id}", "templates", "Delete an uploaded template")
        .answers(204, "Deleted", null);
    op("POST", "/v1/templates/{id}/install", "templates", "Install a template")
        .body("Anything", false)
        .answers(201, "What was created", "Anything");
  }

  private void stepOperations() {
    for (var kind : Map.of("exports", "Export", "imports", "Import").entrySet()) {
      op(
              "PUT",
              "/v1/" + kind.getKey() + "/{id}/replaceConnection",
              kind.getKey(),
              "Point the step at another connection of the same type")
          .describe("Every flow using the step changes too; their running jobs are canceled.")
          .body("ReplaceStepConnection", true)
          .answers(200, "The step", kind.getValue());
    }
    op(
            "POST",
            "/v1/exports/{id}/invoke",
            "exports",
            "Run the export alone and answer its first page")
        .body("InvokeExport", false)
        .answers(200, "{\"data\": records}", "InvokeExportResult");
    op(
            "POST",
            "/v1/imports/{id}/invoke",
            "imports",
            "Filter, map and submit records through the import")
        .body("InvokeImport", true)
        .answersList(200, "One result per record, in order", "ImportResult");
    listeners();
  }

  /** Webhook listeners (D19, D24): no API token, each request proves itself. */
  private void listeners() {
    String how =
        "Verified by the export's webhook block (token in a header, the query or the body;"
            + " HMAC of the raw body; basic); any failure answers 401 and nothing more. Records:"
            + " a JSON object is one, an array many, webhook.pathToRecords points at them; a form"
            + " body is one record. They are stored durably before the answer, then read by jobs"
            + " of the flows whose page generator the export is (422 flow_disabled when every"
            + " such flow is disabled; 413 above 5 MB).";
    op("POST", "/v1/exports/{id}/data", "exports", "Send records to a webhook listener")
        .open()
        .describe(how)
        .body("WebhookBody", true)
        .answers(204, "Stored (webhook.successStatusCode and successBody say otherwise)", null);
    op(
            "POST",
            "/v1/exports/{id}/{secret}/data",
            "exports",
            "Send records to a secret-URL webhook listener")
        .open()
        .describe("The secret in the URL is the proof (verify: secret_url). " + how)
        .body("WebhookBody", true)
        .answers(204, "Stored (webhook.successStatusCode and successBody say otherwise)", null);
  }

  private void people() {
    op("GET", "/v1/ashares", "people", "List the people invited to the account")
        .answersList(200, "Everyone", "Share");
    op("GET", "/v1/ashares/{id}", "people", "Get a person's share")
        .answers(200, "The share", "Share");
    op(
            "PUT",
            "/v1/ashares/{id}",
            "people",
            "Replace a person's access levels and disabled flag (the name is kept)")
        .body("ShareAccess", true)
        .answers(200, "The share", "Share");
    op("DELETE", "/v1/ashares/{id}", "people", "Remove a person").answers(204, "Deleted", null);
    op("POST", "/v1/ashares/{id}/passwordLink", "people", "A new one-time link to set the password")
        .answers(201, "The share with its link", "Invitation");
    op("POST", "/v1/invite", "people", "Invite a person")
        .describe("No mail is sent: pass the answered link on (409 when the email is taken).")
        .body("InviteRequest", true)
        .answers(201, "The share with a one-time link to set the password", "Invitation");
  }

  private void signIn() {
    String csrf = "The session's CSRF token (from sign-in or GET /auth/session)";
    op("POST", "/auth/password", "sign-in", "Set a password through a one-time link")
        .open()
        .body("SetPassword", true)
        .answers(204, "Set; the link is used up", null);
    op("POST", "/auth/signin", "sign-in", "Open a session (sets the tributary_session cookie)")
        .open()
        .describe("Same-origin only; repeated failures answer 429 with Retry-After.")
        .body("SignIn", true)
        .answers(200, "Signed in", "Session");
    op("GET", "/auth/session", "sign-in", "Who is signed in (by the session cookie)")
        .open()
        .answers(200, "The session", "Session");
    op("POST", "/auth/signout", "sign-in", "End the session and clear its cookie")
        .open()
        .header("X-CSRF-Token", csrf)
        .answers(204, "Signed out", null);
    op("GET", "/set-password", "sign-in", "The page a password link opens")
        .open()
        .answersMedia(200, "An HTML page", "text/html");
    op("GET", "/set-password.js", "sign-in", "The script of that page")
        .open()
        .answersMedia(200, "JavaScript", "text/javascript");
  }

  private void state() {
    stateKeys("/v1/state", "account-wide", 204);
    for (String kind :
        new String[] {"integrations", "flows", "exports", "imports", "connections"}) {
      stateKeys("/v1/" + kind + "/{id}/state", "of one resource", 200);
    }
  }

  /** The original's status codes: account-wide deletes answer 204, a resource's deletes 200 {}. */
  private void stateKeys(String base, String whose, int deleted) {
    op("GET", base, "state", "List the state keys " + whose).answers(200, "The keys", "StateKeys");
    Operation all = op("DELETE", base, "state", "Delete every state key " + whose);
    stateDeleted(all, deleted);
    op("GET", base + "/{key}", "state", "Read a state value " + whose)
        .answers(200, "The value as stored", "Anything");
    op(
            "PUT",
            base + "/{key}",
            "state",
            "Store a state value " + whose + " (any JSON, at most 1 MB; 413 above)")
        .body("Anything", true)
        .answersMedia(200, "\"Created\" or \"OK\"", "text/plain");
    stateDeleted(op("DELETE", base + "/{key}", "state", "Delete a state key " + whose), deleted);
  }

  private static void stateDeleted(Operation op, int status) {
    if (status == 204) op.answers(204, "Deleted", null);
    else op.answers(200, "Deleted: {}", "Empty");
  }
}

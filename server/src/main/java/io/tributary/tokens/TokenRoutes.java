package io.tributary.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.audit.AuditLog;
import io.tributary.core.Ids;
import io.tributary.secrets.SecretRule;
import io.tributary.core.Times;
import io.tributary.web.Actor;
import io.tributary.web.ApiException;
import io.tributary.core.ErrorItem;
import io.tributary.web.Json;
import io.tributary.web.Requests;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** {@code /v1/tokenInfo} and {@code /v1/accesstokens}. */
public final class TokenRoutes {
  private static final String AUDIT_TYPE = "accesstoken";
  private final Jdbi jdbi;
  private final TokenStore tokens;
  private final AuditLog audit;
  private final Clock clock;

  public TokenRoutes(Jdbi jdbi, TokenStore tokens, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.tokens = tokens;
    this.audit = audit;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/tokenInfo", ctx -> {
      Token t = ctx.attribute(Authenticator.TOKEN);
      Requests.json(ctx, 200, Map.of("_userId", t.userId(), "scope", t.scope()));
    });
    routes.get("/v1/accesstokens", ctx -> Requests.json(ctx, 200, tokens.list()));
    routes.post("/v1/accesstokens", this::create);
    routes.get("/v1/accesstokens/{id}", ctx -> Requests.json(ctx, 200, find(ctx.pathParam("id"))));
    routes.delete("/v1/accesstokens/{id}", this::revoke);
    routes.get("/v1/accesstokens/{id}/audit", ctx -> {
      find(ctx.pathParam("id"));
      Requests.json(ctx, 200, audit.find(new AuditLog.Query(AUDIT_TYPE, ctx.pathParam("id"), null, null, null, null, null, AuditLog.MAX_LIST, 0)));
    });
  }

  private ObjectNode find(String id) {
    if (!Ids.isId(id)) throw ApiException.notFound("Access token");
    return tokens.get(id).orElseThrow(() -> ApiException.notFound("Access token"));
  }

  private void create(Context ctx) {
    JsonNode body = Requests.body(ctx);
    if (!body.isObject()) throw ApiException.invalid("invalid_field", "The body must be a JSON object.", null);
    List<ErrorItem> problems = new ArrayList<>();
    ObjectNode doc = Json.object();
    copyString(body, doc, "name", problems);
    copyString(body, doc, "description", problems);
    if (!doc.has("name")) doc.put("name", "API token");
    JsonNode scope = body.get("scope");
    if (scope != null && !scope.isNull() && !"*".equals(scope.asText())) {
      problems.add(new ErrorItem("invalid_field", "Only full-access tokens (scope \"*\") are supported.", "scope"));
    }
    Long expiresAt = null;
    JsonNode exp = body.get("expiresAt");
    if (exp != null && !exp.isNull()) {
      expiresAt = exp.isTextual() ? Times.parse(exp.asText()) : null;
      if (expiresAt == null) problems.add(new ErrorItem("invalid_field", "expiresAt must be an ISO-8601 timestamp.", "expiresAt"));
      else if (expiresAt <= clock.millis()) problems.add(new ErrorItem("invalid_field", "expiresAt must be in the future.", "expiresAt"));
    }
    if (!problems.isEmpty()) throw new ApiException(422, problems);
    Actor actor = Requests.actor(ctx);
    Long expires = expiresAt;
    TokenStore.Created created = jdbi.inTransaction(h -> {
      TokenStore.Created c = tokens.create(h, null, actor.userId(), doc, expires);
      audit.record(h, AUDIT_TYPE, c.id(), "create", actor, null, c.doc(), SecretRule.NONE);
      return c;
    });
    ObjectNode out = find(created.id());
    out.put("token", created.token());
    Requests.json(ctx, 201, out);
  }

  private void revoke(Context ctx) {
    String id = ctx.pathParam("id");
    ObjectNode before = find(id);
    Actor actor = Requests.actor(ctx);
    jdbi.useTransaction(h -> {
      tokens.revoke(h, id);
      ObjectNode after = before.deepCopy();
      after.put("revoked", true);
      audit.record(h, AUDIT_TYPE, id, "delete", actor, before, after, SecretRule.NONE);
    });
    ctx.status(204);
  }

  private static void copyString(JsonNode body, ObjectNode doc, String field, List<ErrorItem> problems) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return;
    if (!v.isTextual()) problems.add(new ErrorItem("invalid_field", field + " must be a string.", field));
    else doc.put(field, v.asText());
  }
}

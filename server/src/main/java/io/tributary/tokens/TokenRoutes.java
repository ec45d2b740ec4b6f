package io.tributary.tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.access.Scope;
import io.tributary.audit.AuditLog;
import io.tributary.core.Ids;
import io.tributary.secrets.SecretRule;
import io.tributary.web.Actor;
import io.tributary.web.ApiException;
import io.tributary.web.Requests;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /v1/tokenInfo} and {@code /v1/accesstokens} (D28); who may call them is in the access
 * policy.
 */
public final class TokenRoutes {
  private static final String AUDIT_TYPE = "accesstoken";
  private final Jdbi jdbi;
  private final TokenStore tokens;
  private final AuditLog audit;
  private final Clock clock;
  private final String configuredToken;

  /**
   * {@code configuredToken}: the server's {@code TRIBUTARY_API_TOKEN} (null when none), which stays
   * a usable full-access token while the server runs with it.
   */
  public TokenRoutes(
      Jdbi jdbi, TokenStore tokens, AuditLog audit, Clock clock, String configuredToken) {
    this.jdbi = jdbi;
    this.tokens = tokens;
    this.audit = audit;
    this.clock = clock;
    this.configuredToken = configuredToken;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/tokenInfo", this::info);
    routes.get("/v1/accesstokens", ctx -> Requests.json(ctx, 200, tokens.list()));
    routes.post("/v1/accesstokens", this::create);
    routes.get("/v1/accesstokens/{id}", ctx -> Requests.json(ctx, 200, find(ctx.pathParam("id"))));
    routes.put("/v1/accesstokens/{id}", this::update);
    routes.delete("/v1/accesstokens/{id}", this::delete);
    routes.get("/v1/accesstokens/{id}/display", this::display);
    routes.post("/v1/accesstokens/{id}/generate", this::generate);
    routes.get(
        "/v1/accesstokens/{id}/audit",
        ctx -> {
          find(ctx.pathParam("id"));
          Requests.json(
              ctx,
              200,
              audit.find(
                  new AuditLog.Query(
                      AUDIT_TYPE,
                      ctx.pathParam("id"),
                      null,
                      null,
                      null,
                      null,
                      null,
                      AuditLog.MAX_LIST,
                      0)));
        });
  }

  private void info(Context ctx) {
    Token t = ctx.attribute(Authenticator.TOKEN);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("_userId", Requests.actor(ctx).userId());
    Scope s = io.tributary.access.Guard.scope(ctx);
    if (s.isFull()) {
      out.put("scope", "*");
    } else if (t == null) {
      // A signed-in person: their access is their share's (D29), not a token's.
      out.put("scope", "custom");
      if (s.all() != null) out.put("accessLevel", s.all().wire());
      out.put(
          "_integrationIds",
          s.integrationIds(io.tributary.access.Level.MONITOR).stream().sorted().toList());
    } else {
      ObjectNode doc = find(t.id());
      out.put("scope", "custom");
      out.put("accessLevel", doc.path("accessLevel").asText("manage"));
      TokenFields.LISTS.keySet().stream()
          .sorted()
          .filter(doc::has)
          .forEach(k -> out.put(k, doc.get(k)));
    }
    Requests.json(ctx, 200, out);
  }

  private ObjectNode find(String id) {
    if (!Ids.isId(id)) throw ApiException.notFound("Access token");
    return tokens.get(id).orElseThrow(() -> ApiException.notFound("Access token"));
  }

  private TokenFields fields(Context ctx) {
    return TokenFields.parse(Requests.body(ctx), this::exists, clock.millis());
  }

  private boolean exists(String type, String id) {
    return jdbi.withHandle(
            h ->
                h.createQuery("select count(*) from resources where id = :id and type = :type")
                    .bind("id", id)
                    .bind("type", type)
                    .mapTo(Long.class)
                    .one())
        > 0;
  }

  private void create(Context ctx) {
    TokenFields f = fields(ctx);
    if (Boolean.TRUE.equals(f.revoked()))
      throw ApiException.invalid("invalid_field", "A new token cannot be revoked.", "revoked");
    Actor actor = Requests.actor(ctx);
    TokenStore.Created created =
        jdbi.inTransaction(
            h -> {
              TokenStore.Created c =
                  tokens.create(h, null, actor.userId(), f.doc(), f.autoPurgeAt());
              audit.record(h, AUDIT_TYPE, c.id(), "create", actor, null, c.doc(), SecretRule.NONE);
              return c;
            });
    ObjectNode out = find(created.id());
    out.put("token", created.token());
    Requests.json(ctx, 201, out);
  }

  /** PUT renames, re-scopes, sets autoPurgeAt, revokes ({@code revoked: true}) or reinstates. */
  private void update(Context ctx) {
    String id = ctx.pathParam("id");
    ObjectNode before = find(id);
    TokenFields f = fields(ctx);
    f.doc().put("_userId", before.path("_userId").asText());
    Actor actor = Requests.actor(ctx);
    boolean revoked = f.revoked() != null ? f.revoked() : before.path("revoked").asBoolean();
    boolean stillFullAccess =
        !revoked && f.autoPurgeAt() == null && TokenFields.scopeOf(f.doc()).isFull();
    jdbi.useTransaction(
        h -> {
          tokens.keepAWayIn(h, id, stillFullAccess, configuredToken);
          tokens.update(h, id, f.doc(), f.autoPurgeAt(), f.revoked());
          audit.record(
              h,
              AUDIT_TYPE,
              id,
              "update",
              actor,
              before,
              tokens.get(id).orElseThrow(),
              SecretRule.NONE);
        });
    Requests.json(ctx, 200, find(id));
  }

  private void delete(Context ctx) {
    String id = ctx.pathParam("id");
    ObjectNode before = find(id);
    if (!before.path("revoked").asBoolean()) {
      throw ApiException.invalid(
          "invalid_field",
          "Revoke the token first (PUT {\"revoked\": true}); only a revoked token can be deleted.",
          "revoked");
    }
    Actor actor = Requests.actor(ctx);
    jdbi.useTransaction(
        h -> {
          tokens.delete(h, id);
          audit.record(h, AUDIT_TYPE, id, "delete", actor, before, null, SecretRule.NONE);
        });
    ctx.status(204);
  }

  private void display(Context ctx) {
    String id = ctx.pathParam("id");
    ObjectNode out = find(id);
    String value =
        tokens
            .reveal(id)
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        "invalid_field",
                        "This token's value was not kept (it predates display); generate a new value.",
                        "token"));
    out.put("token", value);
    Requests.json(ctx, 200, out);
  }

  private void generate(Context ctx) {
    String id = ctx.pathParam("id");
    ObjectNode before = find(id);
    Actor actor = Requests.actor(ctx);
    String value =
        jdbi.inTransaction(
            h -> {
              tokens.keepConfigured(
                  h, id, configuredToken); // a new value would stop the configured one working
              String v = tokens.regenerate(h, id);
              ObjectNode after = before.deepCopy();
              after.put("regeneratedAt", io.tributary.core.Times.iso(clock.millis()));
              audit.record(h, AUDIT_TYPE, id, "update", actor, before, after, SecretRule.NONE);
              return v;
            });
    ObjectNode out = find(id);
    out.put("token", value);
    Requests.json(ctx, 200, out);
  }
}

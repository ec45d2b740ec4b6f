package io.tributary.state;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.core.Ids;
import io.tributary.web.ApiException;
import io.tributary.web.Json;
import io.tributary.web.Requests;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The state API as the original's (state.md): account-wide keys under {@code /v1/state} and keys
 * under one resource at {@code /v1/{type}/:id/state}. Any JSON value up to 1 MB a key; status codes
 * as the original's table (PUT 200, account-wide DELETE 204, resource DELETE 200).
 */
public final class StateRoutes {
  public static final int MAX_VALUE_BYTES = 1024 * 1024;
  private static final List<String> OWNER_TYPES =
      List.of("integrations", "flows", "exports", "imports", "connections");
  private final StateStore store;
  private final Jdbi jdbi;

  public StateRoutes(StateStore store, Jdbi jdbi) {
    this.store = store;
    this.jdbi = jdbi;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/state", ctx -> keys(ctx, StateStore.ACCOUNT));
    routes.delete(
        "/v1/state",
        ctx -> {
          store.deleteAll(StateStore.ACCOUNT);
          ctx.status(204);
        });
    routes.get("/v1/state/{key}", ctx -> get(ctx, StateStore.ACCOUNT));
    routes.put("/v1/state/{key}", ctx -> put(ctx, StateStore.ACCOUNT));
    routes.delete("/v1/state/{key}", ctx -> delete(ctx, StateStore.ACCOUNT, 204));
    for (String type : OWNER_TYPES) {
      String base = "/v1/" + type + "/{id}/state";
      routes.get(base, ctx -> keys(ctx, owner(ctx, type)));
      routes.delete(
          base,
          ctx -> {
            store.deleteAll(owner(ctx, type));
            Requests.json(ctx, 200, Map.of());
          });
      routes.get(base + "/{key}", ctx -> get(ctx, owner(ctx, type)));
      routes.put(base + "/{key}", ctx -> put(ctx, owner(ctx, type)));
      routes.delete(base + "/{key}", ctx -> delete(ctx, owner(ctx, type), 200));
    }
  }

  private String owner(Context ctx, String type) {
    String id = ctx.pathParam("id");
    boolean exists =
        Ids.isId(id)
            && jdbi.withHandle(
                    h ->
                        h.createQuery("select count(*) from resources where id = :id and type = :t")
                            .bind("id", id)
                            .bind("t", type)
                            .mapTo(Long.class)
                            .one())
                > 0;
    if (!exists)
      throw ApiException.notFound(
          type.substring(0, 1).toUpperCase() + type.substring(1, type.length() - 1));
    return id;
  }

  private void keys(Context ctx, String owner) {
    Requests.json(ctx, 200, Map.of("keys", store.keys(owner)));
  }

  private void get(Context ctx, String owner) {
    String value = store.get(owner, key(ctx)).orElseThrow(() -> ApiException.notFound("State key"));
    ctx.status(200).contentType("application/json; charset=utf-8").result(value);
  }

  private void put(Context ctx, String owner) {
    String key = key(ctx);
    String body = ctx.body();
    if (body.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
      throw new ApiException(413, "payload_too_large", "A state value is at most 1 MB.");
    }
    boolean created = store.put(owner, key, Json.write(Json.parse(body)));
    ctx.status(200).contentType("text/plain; charset=utf-8").result(created ? "Created" : "OK");
  }

  private void delete(Context ctx, String owner, int status) {
    if (!store.delete(owner, key(ctx))) throw ApiException.notFound("State key");
    if (status == 204) ctx.status(204);
    else Requests.json(ctx, 200, Map.of());
  }

  private static String key(Context ctx) {
    String key = ctx.pathParam("key");
    if (key.isEmpty() || key.length() > 200)
      throw ApiException.badRequest("invalid_key", "A state key has 1 to 200 characters.");
    return key;
  }
}

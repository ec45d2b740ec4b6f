package io.tributary.invoke;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.engine.Invocations;
import io.tributary.web.ApiException;
import io.tributary.web.Json;
import io.tributary.web.Requests;

/** {@code POST /v1/exports/:id/invoke} and {@code POST /v1/imports/:id/invoke} (D30). */
public final class InvokeRoutes {
  private final Invocations invocations;

  public InvokeRoutes(Invocations invocations) {
    this.invocations = invocations;
  }

  public void register(RoutesConfig routes) {
    routes.post(
        "/v1/exports/{id}/invoke",
        ctx -> answer(ctx, () -> invocations.export(ctx.pathParam("id"), body(ctx))));
    routes.post(
        "/v1/imports/{id}/invoke",
        ctx -> answer(ctx, () -> invocations.importRecords(ctx.pathParam("id"), body(ctx))));
  }

  /** A failure of the target system answers 502 with the adaptor's code and message. */
  private static void answer(Context ctx, java.util.function.Supplier<Object> invoke) {
    Object out;
    try {
      out = invoke.get();
    } catch (Invocations.TargetFailed e) {
      throw new ApiException(502, e.code(), e.getMessage());
    }
    Requests.json(ctx, 200, out);
  }

  private static com.fasterxml.jackson.databind.JsonNode body(Context ctx) {
    String raw = ctx.body();
    return raw == null || raw.isBlank() ? null : Json.parse(raw);
  }
}

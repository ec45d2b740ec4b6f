package io.tributary.connections;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.adaptors.AdaptorException;
import io.tributary.engine.ConnectionPings;
import io.tributary.web.Json;
import io.tributary.web.Requests;

/** {@code GET|POST /v1/connections/:id/ping}: {@code {"code":200}} when it works, else why not. */
public final class ConnectionRoutes {
  private final ConnectionPings pings;

  public ConnectionRoutes(ConnectionPings pings) {
    this.pings = pings;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/connections/{id}/ping", this::ping);
    routes.post("/v1/connections/{id}/ping", this::ping);
  }

  private void ping(Context ctx) {
    AdaptorException failure = pings.ping(ctx.pathParam("id"));
    if (failure == null) {
      Requests.json(ctx, 200, Json.object().put("code", 200));
      return;
    }
    // The request was fine, the connection is not: the answer says so in integrator.io's shape.
    var out = Json.object().put("code", failure.kind() == AdaptorException.Kind.AUTH ? 401 : 502);
    out.putArray("errors")
        .addObject()
        .put("code", failure.code() == null ? "ping_failed" : failure.code())
        .put("message", failure.getMessage());
    Requests.json(ctx, 200, out);
  }
}

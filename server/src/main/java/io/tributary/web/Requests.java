package io.tributary.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** Small helpers every route uses: the caller, the parsed body, absolute links. */
public final class Requests {
  public static final String ACTOR = "tributary.actor";

  private Requests() {}

  public static Actor actor(Context ctx) {
    Actor a = ctx.attribute(ACTOR);
    return a != null ? a : Actor.system();
  }

  public static JsonNode body(Context ctx) {
    return Json.parse(ctx.body());
  }

  /**
   * The URL of this server, e.g. {@code http://127.0.0.1:7070}: see {@link PublicOrigin} (never the
   * Host header).
   */
  public static String origin(Context ctx) {
    return PublicOrigin.of(ctx);
  }

  /** This request's path with the given query parameters (nulls left out). */
  public static String selfUrl(Context ctx, Map<String, String> query) {
    StringJoiner q = new StringJoiner("&");
    query.forEach(
        (k, v) -> {
          if (v != null) q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return origin(ctx) + ctx.path() + (q.length() == 0 ? "" : "?" + q);
  }

  public static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json; charset=utf-8").result(Json.write(body));
  }
}

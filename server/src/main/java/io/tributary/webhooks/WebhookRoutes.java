package io.tributary.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.access.Guard;
import io.tributary.access.Kind;
import io.tributary.access.Level;
import io.tributary.access.Scope;
import io.tributary.access.Visibility;
import io.tributary.web.ApiException;
import io.tributary.web.PublicOrigin;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The listeners (D19): {@code POST /v1/exports/:id/data} and {@code POST
 * /v1/exports/:id/:secret/data}. No API token: each request proves itself by its export's own rule.
 * Also adds the read-only {@code webhook.url} to export answers.
 */
public final class WebhookRoutes {
  public static final String PLAIN = "/v1/exports/{id}/data";
  public static final String SECRET = "/v1/exports/{id}/{secret}/data";

  private static final Pattern LISTENER =
      Pattern.compile("/v1/exports/[^/]+/data|/v1/exports/[^/]+/(?!state/)[^/]+/data");

  /** Paths that carry their own proof instead of an API token. */
  public static final Predicate<String> PUBLIC = path -> LISTENER.matcher(path).matches();

  private final Webhooks webhooks;
  private final Visibility visibility;

  public WebhookRoutes(Webhooks webhooks, Visibility visibility) {
    this.webhooks = webhooks;
    this.visibility = visibility;
  }

  public void register(RoutesConfig routes) {
    routes.post(PLAIN, ctx -> receive(ctx, null));
    routes.post(SECRET, ctx -> receive(ctx, ctx.pathParam("secret")));
  }

  private void receive(Context ctx, String secret) {
    Webhooks.Outcome outcome =
        webhooks.receive(
            ctx.pathParam("id"),
            secret,
            ctx::header,
            ctx::queryParam,
            ctx.bodyAsBytes(),
            ctx.header("Content-Type"));
    switch (outcome) {
      case Webhooks.Refused r -> throw new ApiException(401, "unauthorized", "Unauthorized.");
      case Webhooks.Accepted a -> {
        ctx.status(a.status());
        if (a.body() != null && a.status() != 204) ctx.contentType(a.mediaType()).result(a.body());
      }
    }
  }

  /** Export answers: a listener's {@code webhook.url}, the URL to call. */
  public ObjectNode withUrl(Context ctx, ObjectNode export) {
    if (!Webhooks.ADAPTOR_TYPE.equals(export.path("adaptorType").asText())
        || !(export.get("webhook") instanceof ObjectNode webhook)) return export;
    String id = export.path("_id").asText();
    String base = PublicOrigin.of(ctx) + "/v1/exports/" + id;
    if (!Listener.SECRET_URL.equals(Listener.verifyOf(webhook))) {
      webhook.put("url", base + "/data");
      return export;
    }
    // The URL holds the secret: only those who may change the export may see it.
    Scope scope = Guard.scope(ctx);
    if (!scope.everything(Level.MANAGE) && visibility.outside(Kind.EXPORT, id, scope, Level.MANAGE))
      return export;
    webhooks.urlSecret(id).ifPresent(s -> webhook.put("url", base + "/" + s + "/data"));
    return export;
  }
}

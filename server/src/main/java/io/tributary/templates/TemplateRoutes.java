package io.tributary.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.core.Ids;
import io.tributary.flowops.Kinds;
import io.tributary.resources.ResourceService;
import io.tributary.secrets.SecretCipher;
import io.tributary.web.ApiException;
import io.tributary.web.Json;
import io.tributary.web.Requests;
import java.time.Clock;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * Download a flow or integration as a template (signed URL), upload, list, delete and install
 * templates (D14).
 */
public final class TemplateRoutes {
  /** The download URLs carry their own signature: they need no token. */
  public static final Predicate<String> PUBLIC = path -> path.startsWith("/v1/templates/download/");

  private final UrlSigner signer;
  private final TemplateWriter writer;
  private final TemplateStore store;
  private final TemplateInstaller installer;
  private final ResourceService resources;
  private final Kinds kinds;

  public TemplateRoutes(
      ResourceService resources,
      Kinds kinds,
      SecretCipher cipher,
      Jdbi jdbi,
      Ids ids,
      Clock clock) {
    this.signer = new UrlSigner(cipher, clock);
    this.writer = new TemplateWriter(resources, kinds);
    this.store = new TemplateStore(jdbi, ids, clock, TemplateStore.Limits.DEFAULT);
    this.installer = new TemplateInstaller(resources, kinds);
    this.resources = resources;
    this.kinds = kinds;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/flows/{id}/template", ctx -> signedUrl(ctx, "flow", kinds.flows()));
    routes.get(
        "/v1/integrations/{id}/template",
        ctx -> signedUrl(ctx, "integration", kinds.integrations()));
    routes.get("/v1/templates/download/{kind}/{id}", this::download);
    routes.post(
        "/v1/templates",
        ctx -> {
          Template t = TemplateReader.read(ctx.bodyAsBytes());
          String id = store.save(t);
          Requests.json(ctx, 201, Json.object().put("_id", id).set("manifest", t.manifest()));
        });
    routes.get("/v1/templates", ctx -> Requests.json(ctx, 200, store.list()));
    routes.delete(
        "/v1/templates/{id}",
        ctx -> {
          String id = ctx.pathParam("id");
          if (!Ids.isId(id) || !store.delete(id)) throw ApiException.notFound("Template");
          ctx.status(204);
        });
    routes.post(
        "/v1/templates/{id}/install",
        ctx -> {
          String id = ctx.pathParam("id");
          Template t =
              (Ids.isId(id) ? store.get(id) : java.util.Optional.<Template>empty())
                  .orElseThrow(() -> ApiException.notFound("Template"));
          String raw = ctx.body();
          JsonNode body = raw == null || raw.isBlank() ? Json.object() : Requests.body(ctx);
          if (!body.isObject())
            throw ApiException.invalid("invalid_field", "The body must be a JSON object.", null);
          Requests.json(ctx, 201, installer.install(t, body, Requests.actor(ctx)));
        });
  }

  /** A URL valid 15 minutes; the zip is built when it is fetched. */
  private void signedUrl(Context ctx, String kind, io.tributary.resources.ResourceType type) {
    String id = ctx.pathParam("id");
    if (resources.find(type, id).isEmpty()) throw ApiException.notFound(type.label());
    String url =
        Requests.origin(ctx)
            + "/v1/templates/download/"
            + kind
            + "/"
            + id
            + "?"
            + signer.query(kind, id);
    Requests.json(ctx, 200, Json.object().put("signedURL", url));
  }

  private void download(Context ctx) {
    String kind = ctx.pathParam("kind");
    String id = ctx.pathParam("id");
    if (!signer.valid(kind, id, ctx.queryParam("expires"), ctx.queryParam("signature"))) {
      throw new ApiException(
          403, "forbidden", "This download link is invalid or has expired; ask for a new one.");
    }
    byte[] zip =
        switch (kind) {
          case "flow" -> writer.flow(id);
          case "integration" -> writer.integration(id);
          default -> throw ApiException.notFound("Template kind");
        };
    ctx.contentType("application/zip")
        .header("Content-Disposition", "attachment; filename=\"" + kind + "-" + id + ".zip\"")
        .result(zip);
  }
}

package io.tributary.openapi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.web.ApiException;
import io.tributary.web.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * {@code GET /v1/openapi.json} (no token) and the interactive reference at {@code /docs}: Swagger
 * UI served from its webjar on the classpath, so the page needs no CDN.
 */
public final class OpenApiRoutes {
  public static final Predicate<String> PUBLIC = path -> path.equals("/v1/openapi.json");
  private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";

  /** The assets the page loads; nothing else of the webjar is served. */
  private static final Map<String, String> ASSETS =
      Map.of(
          "swagger-ui.css", "text/css; charset=utf-8",
          "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
          "favicon-32x32.png", "image/png");

  private final byte[] document;
  private final String uiVersion = uiVersion();

  public OpenApiRoutes(String apiVersion) {
    this.document = Json.write(ApiDocument.build(apiVersion)).getBytes(StandardCharsets.UTF_8);
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/openapi.json", ctx -> ctx.contentType("application/json").result(document));
    routes.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(PAGE));
    routes.get("/docs/{file}", this::asset);
  }

  private void asset(Context ctx) {
    String file = ctx.pathParam("file");
    String type = ASSETS.get(file);
    if (type == null) throw ApiException.notFound("Asset");
    InputStream in = OpenApiRoutes.class.getResourceAsStream(WEBJAR + uiVersion + "/" + file);
    if (in == null) throw ApiException.notFound("Asset");
    ctx.header("Cache-Control", "public, max-age=86400").contentType(type).result(in);
  }

  private static String uiVersion() {
    try (InputStream in =
        OpenApiRoutes.class.getResourceAsStream(
            "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null)
        throw new IllegalStateException("the swagger-ui webjar is missing from the classpath");
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String PAGE =
      """
      <!doctype html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>Tributary API</title>
        <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
        <link rel="stylesheet" href="/docs/swagger-ui.css">
      </head>
      <body>
        <div id="api"></div>
        <script src="/docs/swagger-ui-bundle.js"></script>
        <script>
          window.ui = SwaggerUIBundle({
            url: "/v1/openapi.json",
            dom_id: "#api",
            deepLinking: true,
            persistAuthorization: true
          });
        </script>
      </body>
      </html>
      """;
}

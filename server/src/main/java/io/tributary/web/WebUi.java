package io.tributary.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the web UI (built into {@code /ui} on the classpath by the {@code ui} module) at {@code
 * /}: its files as they are, and index.html for any other browser path so the UI's own routes
 * survive a reload. The API ({@code /v1}, {@code /health}) keeps its JSON 404s.
 */
public final class WebUi {
  static final String DIR = "/ui";

  private WebUi() {}

  public static void install(JavalinConfig c) {
    byte[] index = index();
    if (index == null) return; // a build without the UI module: the API alone
    c.staticFiles.add(
        sf -> {
          sf.hostedPath = "/";
          sf.directory = DIR;
          sf.location = Location.CLASSPATH;
          sf.precompressMaxSize = 2 * 1024 * 1024; // gzip once, in memory: the bundle is small
        });
    c.spaRoot.addHandler(
        "/",
        ctx -> {
          String path = ctx.path();
          if (isApi(path) || path.contains("."))
            throw new NotFoundResponse("No such resource or endpoint: " + path);
          ctx.header("Cache-Control", "no-cache").contentType(ContentType.TEXT_HTML).result(index);
        });
  }

  static boolean isApi(String path) {
    // The API and the server's own non-UI endpoints answer their own 404s, never the UI's page.
    for (String prefix : new String[] {"/v1", "/health", "/metrics", "/docs", "/auth"}) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) return true;
    }
    return false;
  }

  private static byte[] index() {
    try (InputStream in = WebUi.class.getResourceAsStream(DIR + "/index.html")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.tributary.people;

import io.tributary.testing.ApiClient;
import io.tributary.web.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client that behaves as a browser does with our cookie: it keeps what Set-Cookie sets and sends
 * it back.
 */
final class Browser {
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private String cookie;
  String lastSetCookie;

  Browser(String base) {
    this.base = base;
  }

  String cookie() {
    return cookie;
  }

  void cookie(String value) {
    cookie = value;
  }

  ApiClient.Response send(String method, String path, Object body, Map<String, String> headers) {
    String text = body == null ? null : Json.write(body);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                text == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(text));
    if (text != null) b.header("Content-Type", "application/json");
    if (cookie != null) b.header("Cookie", SessionCookie.NAME + "=" + cookie);
    headers.forEach(b::header);
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      r.headers().firstValue("Set-Cookie").ifPresent(this::remember);
      return new ApiClient.Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  ApiClient.Response get(String path) {
    return send("GET", path, null, Map.of());
  }

  /** A state-changing request with the CSRF token, as the UI sends it. */
  ApiClient.Response write(String method, String path, Object body, String csrf) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(SessionCookie.CSRF_HEADER, csrf);
    return send(method, path, body, h);
  }

  private void remember(String setCookie) {
    lastSetCookie = setCookie;
    String pair = setCookie.split(";")[0];
    String value = pair.substring(pair.indexOf('=') + 1);
    cookie = setCookie.contains("Max-Age=0") || value.isEmpty() ? null : value;
  }
}

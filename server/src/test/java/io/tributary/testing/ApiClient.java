package io.tributary.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.web.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Drives the API over real HTTP, as a client would. */
public final class ApiClient {
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private final String token;

  public ApiClient(String base, String token) {
    this.base = base;
    this.token = token;
  }

  public ApiClient withToken(String other) {
    return new ApiClient(base, other);
  }

  public String base() {
    return base;
  }

  public record Response(int status, java.net.http.HttpHeaders headers, String body) {
    public JsonNode json() {
      return body == null || body.isEmpty() ? null : Json.read(body);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The first error's code, for error answers. */
    public String errorCode() {
      return json().path("errors").path(0).path("code").asText(null);
    }

    public List<String> errorFields() {
      return json().path("errors").findValuesAsText("field");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Response get(String path) {
    return send("GET", path, null);
  }

  public Response post(String path, Object body) {
    return send("POST", path, body);
  }

  public Response put(String path, Object body) {
    return send("PUT", path, body);
  }

  public Response patch(String path, Object body) {
    return send("PATCH", path, body);
  }

  public Response delete(String path) {
    return send("DELETE", path, null);
  }

  /** A GET answering the raw bytes (zip downloads). */
  public HttpResponse<byte[]> getBytes(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).GET();
    if (token != null) b.header("Authorization", "Bearer " + token);
    return exchange(b, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A POST of raw bytes (zip uploads). */
  public Response postBytes(String path, byte[] body, String contentType) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", contentType)
            .expectContinue(body.length > 1024 * 1024);
    if (token != null) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r = exchange(b, HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.headers(), r.body());
  }

  /**
   * Any method with raw bytes and a content type of the caller's choosing (hostile encodings, odd
   * types).
   */
  public Response sendBytes(String method, String path, byte[] body, String contentType) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) b.header("Content-Type", contentType);
    if (token != null) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r = exchange(b, HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.headers(), r.body());
  }

  private <T> HttpResponse<T> exchange(HttpRequest.Builder b, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(b.build(), handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends a body: a String is sent as is (so malformed JSON can be sent), anything else as JSON.
   */
  public Response send(String method, String path, Object body) {
    String text = body == null ? null : body instanceof String s ? s : Json.write(body);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
            .method(
                method,
                text == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(text));
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (text != null) b.header("Content-Type", "application/json");
    // As curl does for large bodies: the server may refuse one before it is sent.
    if (text != null && text.length() > 1024 * 1024) b.expectContinue(true);
    HttpResponse<String> r = exchange(b, HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.headers(), r.body());
  }
}

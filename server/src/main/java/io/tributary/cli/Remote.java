package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The running server the CLI talks to ({@code TRIBUTARY_URL}, {@code TRIBUTARY_TOKEN}): JSON in and
 * out, every error answer turned into a {@link CliFailure} that quotes the server's message.
 */
final class Remote {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String base;
  private final String token;

  Remote(String base, String token) {
    String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    if (!b.startsWith("http://") && !b.startsWith("https://")) {
      throw new CliFailure(
          ExitCodes.USAGE, "TRIBUTARY_URL must start with http:// or https://, not " + base);
    }
    this.base = b;
    this.token = token == null || token.isBlank() ? null : token.strip();
  }

  String base() {
    return base;
  }

  JsonNode get(String path) {
    return send("GET", path, null, Duration.ofSeconds(60)).json;
  }

  JsonNode post(String path, JsonNode body, Duration timeout) {
    return send("POST", path, body, timeout).json;
  }

  JsonNode post(String path, JsonNode body) {
    return post(path, body, Duration.ofSeconds(60));
  }

  JsonNode put(String path, JsonNode body) {
    return send("PUT", path, body, Duration.ofSeconds(60)).json;
  }

  /** Every item of a list, following {@code Link: rel="next"} (a 204 is an empty list). */
  ArrayNode list(String path) {
    ArrayNode all = Json.MAPPER.createArrayNode();
    String next = path;
    while (next != null) {
      Answer a = send("GET", next, null, Duration.ofSeconds(60));
      if (a.json != null && a.json.isArray()) all.addAll((ArrayNode) a.json);
      next = a.next;
    }
    return all;
  }

  private record Answer(JsonNode json, String next) {}

  private Answer send(String method, String path, JsonNode body, Duration timeout) {
    URI uri = URI.create(path.startsWith("http") ? path : base + path);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Json.compact(body)));
    if (body != null) b.header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new CliFailure(
          ExitCodes.UNREACHABLE,
          "no answer from " + base + " within " + timeout.toSeconds() + " s");
    } catch (ConnectException e) {
      throw new CliFailure(
          ExitCodes.UNREACHABLE,
          "cannot connect to "
              + base
              + " (is the server running? set TRIBUTARY_URL to where it listens)");
    } catch (IOException e) {
      throw new CliFailure(
          ExitCodes.UNREACHABLE, "talking to " + base + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.UNREACHABLE, "interrupted");
    }
    JsonNode json = parse(r.body());
    if (r.statusCode() >= 400) throw failure(method, uri, r.statusCode(), json, r.body());
    String link = r.headers().firstValue("Link").orElse(null);
    Matcher m = link == null ? null : NEXT.matcher(link);
    return new Answer(json, m != null && m.find() ? m.group(1) : null);
  }

  private CliFailure failure(String method, URI uri, int status, JsonNode json, String raw) {
    String what = method + " " + uri.getPath() + " answered " + status;
    StringBuilder msg = new StringBuilder(what);
    JsonNode errors = json == null ? null : json.path("errors");
    if (errors != null && errors.isArray() && !errors.isEmpty()) {
      for (JsonNode e : errors) {
        msg.append("\n  ").append(e.path("code").asText("error")).append(": ");
        msg.append(e.path("message").asText(""));
        if (e.hasNonNull("field"))
          msg.append(" (field ").append(e.get("field").asText()).append(')');
      }
    } else if (raw != null && !raw.isBlank()) {
      msg.append(": ").append(raw.length() > 500 ? raw.substring(0, 500) + "…" : raw);
    }
    if (status == 401) {
      msg.append(
          token == null
              ? "\n  (set TRIBUTARY_TOKEN to an API token)"
              : "\n  (TRIBUTARY_TOKEN was refused: check it is current)");
      return new CliFailure(ExitCodes.AUTH, msg.toString());
    }
    if (status == 403) return new CliFailure(ExitCodes.AUTH, msg.toString());
    return new CliFailure(ExitCodes.API_ERROR, msg.toString());
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) return null;
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return null; // not JSON (a proxy's error page): the raw text is quoted instead
    }
  }
}

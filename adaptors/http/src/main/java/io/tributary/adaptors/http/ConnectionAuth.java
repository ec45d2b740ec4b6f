package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.AdaptorException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * How a connection proves who it is on each request. The records hide their secrets from {@code
 * toString} so that a logged or failed value never shows them.
 */
sealed interface ConnectionAuth {
  /**
   * Headers every request carries: over the connection's headers, under the export's or import's.
   */
  default List<Header> headers() {
    return List.of();
  }

  /** The request URL with any credential the auth puts there. */
  default String url(String url) {
    return url;
  }

  /** {@code custom} and absent auth: the connection's headers are all there is. */
  record None() implements ConnectionAuth {}

  record Basic(String username, String password) implements ConnectionAuth {
    @Override
    public List<Header> headers() {
      String pair = username + ":" + password;
      return List.of(
          new Header(
              "Authorization",
              "Basic "
                  + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public String toString() {
      return "Basic[" + username + ", ***]";
    }
  }

  /**
   * A token in a header: {@code <headerName>: <scheme> <token>}, or the raw token without a scheme.
   */
  record HeaderToken(String headerName, String scheme, String token) implements ConnectionAuth {
    @Override
    public List<Header> headers() {
      return List.of(new Header(headerName, scheme.isEmpty() ? token : scheme + " " + token));
    }

    @Override
    public String toString() {
      return "HeaderToken[" + headerName + ", ***]";
    }
  }

  /**
   * A token as a query parameter, added unless the URL already has it (next-page URLs often do).
   */
  record QueryToken(String paramName, String token) implements ConnectionAuth {
    @Override
    public String url(String url) {
      String param = URLEncoder.encode(paramName, StandardCharsets.UTF_8) + "=";
      int q = url.indexOf('?');
      if (q >= 0 && ("&" + url.substring(q + 1)).contains("&" + param)) return url;
      return url + (q >= 0 ? "&" : "?") + param + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "QueryToken[" + paramName + ", ***]";
    }
  }

  /**
   * Reads the {@code http.auth} block; an auth type this adaptor cannot do is a configuration
   * error.
   */
  static ConnectionAuth from(JsonNode auth) {
    String type = auth.path("type").asText("");
    return switch (type) {
      case "", "custom" -> new None();
      case "basic" ->
          new Basic(
              auth.path("basic").path("username").asText(""),
              auth.path("basic").path("password").asText(""));
      case "token" -> token(auth.path("token"));
      default ->
          throw new AdaptorException(
              AdaptorException.Kind.FATAL,
              "unsupported_auth",
              "The HTTP adaptor does not support auth.type '" + type + "' yet.");
    };
  }

  private static ConnectionAuth token(JsonNode t) {
    String token = t.path("token").asText("");
    if (t.path("location").asText("header").equals("url")) {
      return new QueryToken(t.path("paramName").asText("access_token"), token);
    }
    String headerName = t.path("headerName").asText("");
    // integrator.io's default is "Authorization: Bearer <token>"; "none" (or an empty scheme) sends
    // the raw token.
    String scheme = t.has("scheme") ? t.path("scheme").asText("") : "Bearer";
    if (scheme.equalsIgnoreCase("none")) scheme = "";
    return new HeaderToken(headerName.isBlank() ? "Authorization" : headerName, scheme, token);
  }
}

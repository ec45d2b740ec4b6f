package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorException.Kind;
import io.tributary.adaptors.Templating;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders an {@link Endpoint} into an {@link HttpCall} for one connection: URL under the base URI,
 * connection headers, auth, the endpoint's headers over them, content type, and the body bound.
 */
final class RequestBuilder {
  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("host", "connection", "content-length", "expect", "upgrade");

  private final HttpConnection connection;
  private final Templating templates;
  private final long maxBodyBytes;

  RequestBuilder(HttpConnection connection, Templating templates, long maxBodyBytes) {
    this.connection = connection;
    this.templates = templates;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The endpoint's request with its body template rendered (no body when it has none). */
  HttpCall build(Endpoint e, JsonNode context) {
    return build(e, context, e.body() == null ? null : render(e.body(), context, "body"));
  }

  /** The endpoint's request with a body the caller made (an import's records as JSON). */
  HttpCall build(Endpoint e, JsonNode context, String body) {
    String relative;
    try {
      relative = templates.renderUri(e.relativeUri(), context);
    } catch (IllegalArgumentException ex) {
      throw templateError("relativeURI", ex);
    }
    return call(e, resolve(relative), context, body);
  }

  /**
   * A request to a URL the API handed out (a next-page link), relative to {@code current} or
   * absolute.
   */
  HttpCall toUrl(Endpoint e, URI current, String url, JsonNode context) {
    String absolute;
    try {
      absolute = current.resolve(url.trim()).toString();
    } catch (IllegalArgumentException ex) {
      throw new AdaptorException(
          Kind.FATAL,
          "invalid_url",
          "The next-page URL of " + current.getRawPath() + " is not a valid URL.");
    }
    return call(e, absolute, context, e.body() == null ? null : render(e.body(), context, "body"));
  }

  /** A template rendered as text, a failure named after the field it came from. */
  String render(String template, JsonNode context, String field) {
    try {
      return templates.render(template, context);
    } catch (IllegalArgumentException ex) {
      throw templateError(field, ex);
    }
  }

  private HttpCall call(Endpoint e, String url, JsonNode context, String body) {
    if (body != null && body.getBytes(StandardCharsets.UTF_8).length > maxBodyBytes) {
      throw new AdaptorException(
          Kind.FATAL,
          "request_too_large",
          "The request body is larger than " + maxBodyBytes + " bytes.");
    }
    List<Header> headers =
        Header.merge(
            Header.merge(rendered(connection.headers(), context), connection.auth().headers()),
            rendered(e.headers(), context));
    if (body != null && !Header.present(headers, "Content-Type"))
      headers.add(new Header("Content-Type", contentType(e)));
    headers.removeIf(h -> RESTRICTED.contains(h.name().toLowerCase(Locale.ROOT)));
    return new HttpCall(e.method(), uri(connection.auth().url(url), e), List.copyOf(headers), body);
  }

  private List<Header> rendered(List<Header> headers, JsonNode context) {
    return headers.stream()
        .map(h -> new Header(h.name(), render(h.value(), context, "header " + h.name())))
        .toList();
  }

  private String resolve(String relative) {
    if (relative.startsWith("http://") || relative.startsWith("https://")) return relative;
    String base = connection.baseUri();
    if (base.isBlank())
      throw new AdaptorException(
          Kind.FATAL, "invalid_connection", "The connection has no baseURI.");
    if (relative.isEmpty() || relative.startsWith("?")) return base + relative;
    return stripEnd(base) + "/" + (relative.startsWith("/") ? relative.substring(1) : relative);
  }

  private static String stripEnd(String base) {
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /**
   * Names the relativeURI template, not the rendered URL (nor the parser's message quoting it): it
   * may hold a token.
   */
  private static URI uri(String url, Endpoint e) {
    URI uri = null;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException ignored) {
      // reported below
    }
    if (uri == null
        || uri.getHost() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new AdaptorException(
          Kind.FATAL,
          "invalid_url",
          "The URL made from relativeURI '" + e.relativeUri() + "' is not a valid http(s) URL.");
    }
    return uri;
  }

  private String contentType(Endpoint e) {
    String mediaType = e.mediaType() == null ? connection.mediaType() : e.mediaType();
    return switch (mediaType) {
      case "urlencoded" -> "application/x-www-form-urlencoded";
      case "xml" -> "application/xml";
      case "plaintext" -> "text/plain";
      case "csv" -> "text/csv";
      default -> "application/json";
    };
  }

  private static AdaptorException templateError(String field, IllegalArgumentException ex) {
    return new AdaptorException(
        Kind.FATAL,
        "template_error",
        "The " + field + " template cannot be rendered: " + ex.getMessage(),
        ex);
  }
}

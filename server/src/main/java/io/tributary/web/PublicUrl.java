package io.tributary.web;

import io.javalin.http.Context;
import java.net.URI;

/**
 * The one place absolute URLs of this server are built ({@code signedURL}, {@code Link}): from
 * {@code TRIBUTARY_PUBLIC_URL} when set, else from the address the connection reached (the
 * server's own socket), never from the request's {@code Host} header, which the client chooses.
 * D30's X-Forwarded-* from a trusted proxy would be honoured here, once proxies can be trusted.
 */
public final class PublicUrl {
  /** The request attribute holding the server's instance, for {@link Requests#origin}. */
  public static final String ATTRIBUTE = "tributary.publicUrl";
  private final String configured;

  private PublicUrl(String configured) {
    this.configured = configured;
  }

  /** Checks {@code configured} (TRIBUTARY_PUBLIC_URL, or null): an absolute http(s) URL without query or fragment. */
  public static PublicUrl of(String configured) {
    if (configured == null || configured.isBlank()) return new PublicUrl(null);
    String url = configured.trim();
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw invalid(url);
    }
    if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null
        || u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
      throw invalid(url);
    }
    while (url.endsWith("/")) url = url.substring(0, url.length() - 1);
    return new PublicUrl(url);
  }

  /** Scheme, host, port (and the configured path prefix) that absolute URLs start with. */
  public String base(Context ctx) {
    if (configured != null) return configured;
    String address = ctx.req().getLocalAddr();
    if (address.contains(":")) address = "[" + address + "]";
    return ctx.req().getScheme() + "://" + address + ":" + ctx.req().getLocalPort();
  }

  private static IllegalArgumentException invalid(String url) {
    return new IllegalArgumentException("TRIBUTARY_PUBLIC_URL must be an absolute http(s) URL without query: " + url);
  }
}

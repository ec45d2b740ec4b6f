package io.tributary.web;

import io.javalin.http.Context;

/**
 * The scheme and host clients reach this server by, for absolute URLs ({@code Link},
 * {@code signedURL}): {@code TRIBUTARY_PUBLIC_URL} when set, else what a TLS-terminating proxy says
 * ({@code X-Forwarded-Proto}, {@code X-Forwarded-Host}), else the request's own.
 */
public final class PublicOrigin {
  /** Context attribute holding the configured public URL (set once per request by the app). */
  public static final String CONFIGURED = "tributary.publicUrl";

  private PublicOrigin() {}

  public static String of(Context ctx) {
    String host = ctx.header("Host");
    return of(ctx.attribute(CONFIGURED), ctx.scheme(), host != null ? host : ctx.host(),
        ctx.header("X-Forwarded-Proto"), ctx.header("X-Forwarded-Host"));
  }

  static String of(String configured, String scheme, String host, String forwardedProto, String forwardedHost) {
    if (configured != null && !configured.isBlank()) return stripSlash(configured.trim());
    String proto = first(forwardedProto);
    String fwdHost = first(forwardedHost);
    return (proto != null && proto.matches("https?") ? proto : scheme) + "://" + (fwdHost != null ? fwdHost : host);
  }

  /** Proxies in a chain append: the first value is what the client used. */
  private static String first(String header) {
    if (header == null) return null;
    String v = header.split(",")[0].trim();
    return v.isEmpty() ? null : v;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}

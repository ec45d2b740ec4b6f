package io.tributary.web;

import io.javalin.http.Context;
import io.tributary.adaptors.NetworkGuard.Cidr;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place absolute URLs of this server start from ({@code Link}, {@code nextPageURL}, {@code
 * signedURL}): {@code TRIBUTARY_PUBLIC_URL} when set; else, for a request that came through a proxy
 * listed in {@code TRIBUTARY_TRUSTED_PROXIES}, what it says ({@code X-Forwarded-Proto}, {@code
 * X-Forwarded-Host}, D30); else the address the connection reached (the server's own socket). Never
 * the {@code Host} header, nor forwarded headers from anyone else: a client would choose where a
 * signed link points.
 */
public final class PublicOrigin {
  /** Context attribute holding the server's instance (set once per request by the app). */
  public static final String ATTRIBUTE = "tributary.publicOrigin";

  private static final java.util.regex.Pattern HOST =
      java.util.regex.Pattern.compile("[A-Za-z0-9.-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+](:\\d{1,5})?");
  private final String configured;
  private final List<Cidr> trustedProxies;

  private PublicOrigin(String configured, List<Cidr> trustedProxies) {
    this.configured = configured;
    this.trustedProxies = trustedProxies;
  }

  /**
   * Checks the settings: {@code publicUrl} an absolute http(s) URL without query (or null), {@code
   * trustedProxies} a CIDR list (or null). Throws IllegalArgumentException naming the variable.
   */
  public static PublicOrigin of(String publicUrl, String trustedProxies) {
    List<Cidr> proxies = new ArrayList<>();
    if (trustedProxies != null) {
      for (String c : trustedProxies.split("[,\\s]+")) {
        if (c.isBlank()) continue;
        try {
          proxies.add(Cidr.parse(c));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("TRIBUTARY_TRUSTED_PROXIES: " + e.getMessage(), e);
        }
      }
    }
    return new PublicOrigin(
        publicUrl == null || publicUrl.isBlank() ? null : checked(publicUrl.trim()),
        List.copyOf(proxies));
  }

  /** The origin for this request, from the instance the app set on it. */
  public static String of(Context ctx) {
    PublicOrigin p = ctx.attribute(ATTRIBUTE);
    return (p != null ? p : new PublicOrigin(null, List.of())).base(ctx);
  }

  /** Scheme, host, port (and the configured path prefix) that absolute URLs start with. */
  public String base(Context ctx) {
    if (configured != null) return configured;
    String scheme = ctx.req().getScheme();
    String address = ctx.req().getLocalAddr();
    String own =
        (address.contains(":") ? "[" + address + "]" : address) + ":" + ctx.req().getLocalPort();
    if (!trusted(ctx.req().getRemoteAddr())) return scheme + "://" + own;
    String proto = first(ctx.header("X-Forwarded-Proto"));
    String host = first(ctx.header("X-Forwarded-Host"));
    return (proto != null && proto.matches("https?") ? proto : scheme)
        + "://"
        + (host != null && HOST.matcher(host).matches() ? host : own);
  }

  private boolean trusted(String remote) {
    if (trustedProxies.isEmpty() || remote == null) return false;
    try {
      InetAddress a =
          InetAddress.getByName(
              remote.startsWith("[") ? remote.substring(1, remote.length() - 1) : remote);
      return trustedProxies.stream().anyMatch(c -> c.contains(a));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Proxies in a chain append: the first value is what the client used. */
  private static String first(String header) {
    if (header == null) return null;
    String v = header.split(",")[0].trim();
    return v.isEmpty() ? null : v;
  }

  private static String checked(String url) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw invalid(url);
    }
    if (u.getScheme() == null
        || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
        || u.getHost() == null
        || u.getRawQuery() != null
        || u.getRawFragment() != null
        || u.getRawUserInfo() != null) {
      throw invalid(url);
    }
    String out = url;
    while (out.endsWith("/")) out = out.substring(0, out.length() - 1);
    return out;
  }

  private static IllegalArgumentException invalid(String url) {
    return new IllegalArgumentException(
        "TRIBUTARY_PUBLIC_URL must be an absolute http(s) URL without query: " + url);
  }
}

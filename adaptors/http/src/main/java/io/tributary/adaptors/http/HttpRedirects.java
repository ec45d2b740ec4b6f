package io.tributary.adaptors.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which request a redirect asks for. The adaptor follows redirects itself (the JDK client's own
 * following forwards every header to any host): at most {@link #MAX} in a row, never from https to
 * http, and a request that leaves the origin it was made for (scheme, host and port) keeps none of
 * the connection's headers, auth, cookies or the endpoint's headers: only {@link #NEUTRAL} ones.
 */
final class HttpRedirects {
  static final int MAX = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  /** Headers that carry no credential: the only ones sent to another origin. */
  private static final Set<String> NEUTRAL =
      Set.of("accept", "accept-language", "content-type", "user-agent");

  private HttpRedirects() {}

  /**
   * The request {@code status}/{@code headers} redirect {@code current} to, or empty when the
   * answer is not a redirect that may be followed (it is then the answer). {@code original} is the
   * request the adaptor built: credentials stay with its origin.
   */
  static Optional<HttpCall> next(
      HttpCall original, HttpCall current, int status, HttpHeaders headers) {
    if (!REDIRECTS.contains(status)) return Optional.empty();
    Optional<String> location = headers.firstValue("Location");
    if (location.isEmpty() || location.get().isBlank()) return Optional.empty();
    URI target;
    try {
      target = current.uri().resolve(location.get().trim());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (target.getHost() == null || !(scheme.equals("http") || scheme.equals("https")))
      return Optional.empty();
    if (scheme.equals("http") && current.uri().getScheme().equalsIgnoreCase("https"))
      return Optional.empty();
    boolean toGet =
        status == 303
            || ((status == 301 || status == 302)
                && !current.method().equals("GET")
                && !current.method().equals("HEAD"));
    String method = toGet ? "GET" : current.method();
    String body = toGet ? null : current.body();
    boolean sameOrigin = origin(target).equals(origin(original.uri()));
    List<Header> kept =
        current.headers().stream()
            .filter(h -> sameOrigin || NEUTRAL.contains(h.name().toLowerCase(Locale.ROOT)))
            .filter(h -> body != null || !h.name().equalsIgnoreCase("Content-Type"))
            .toList();
    return Optional.of(new HttpCall(method, target, kept, body));
  }

  static String origin(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
  }
}

package io.tributary.adaptors.http;

import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorException.Kind;
import io.tributary.adaptors.NetworkGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One exchange with the remote system: send, then read the body without ever holding more than the
 * bound.
 */
final class Transport {
  private final HttpClient client;
  private final Duration requestTimeout;
  private final NetworkGuard guard;

  /**
   * {@code client} must not follow redirects: {@link HttpRedirects} does, with the guard on every
   * hop.
   */
  Transport(HttpClient client, Duration requestTimeout, NetworkGuard guard) {
    this.client = client;
    this.requestTimeout = requestTimeout;
    this.guard = guard;
  }

  /**
   * Sends {@code call} and reads its answer. Throws IOException for network failures and timeouts
   * (the caller retries those) and a FATAL {@link AdaptorException} for a body over {@code
   * maxBytes}, a host the guard refuses ({@code blocked_address}) and more than {@link
   * HttpRedirects#MAX} redirects.
   */
  HttpReply exchange(HttpCall call, long maxBytes) throws IOException, InterruptedException {
    HttpCall current = call;
    for (int redirects = 0; ; redirects++) {
      guard.check(current.uri().getHost());
      HttpResponse<InputStream> response = send(current);
      var next = HttpRedirects.next(call, current, response.statusCode(), response.headers());
      if (next.isEmpty()) return read(response, current, maxBytes);
      response.body().close();
      if (redirects == HttpRedirects.MAX) {
        throw new AdaptorException(
            Kind.FATAL,
            "too_many_redirects",
            call.describe() + " was redirected more than " + HttpRedirects.MAX + " times.");
      }
      current = next.get();
    }
  }

  private HttpResponse<InputStream> send(HttpCall call) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(call.uri()).timeout(requestTimeout);
    call.headers().forEach(h -> b.header(h.name(), h.value()));
    b.method(
        call.method(),
        call.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(call.body()));
    return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private static HttpReply read(HttpResponse<InputStream> response, HttpCall call, long maxBytes)
      throws IOException {
    try (InputStream in = response.body()) {
      long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > maxBytes) throw tooLarge(call, maxBytes);
      // Read one byte past the bound: enough to know the body is too large without reading the
      // rest.
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) throw tooLarge(call, maxBytes);
      return new HttpReply(
          response.statusCode(),
          response.headers(),
          new String(bytes, StandardCharsets.UTF_8),
          call);
    }
  }

  private static AdaptorException tooLarge(HttpCall call, long maxBytes) {
    return new AdaptorException(
        Kind.FATAL,
        "response_too_large",
        "The response of " + call.describe() + " is larger than " + maxBytes + " bytes.");
  }
}

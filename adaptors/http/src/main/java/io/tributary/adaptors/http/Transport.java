package io.tributary.adaptors.http;

import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One exchange with the remote system: send, then read the body without ever holding more than the bound. */
final class Transport {
  private final HttpClient client;
  private final Duration requestTimeout;

  Transport(HttpClient client, Duration requestTimeout) {
    this.client = client;
    this.requestTimeout = requestTimeout;
  }

  /**
   * Sends {@code call} and reads its answer. Throws IOException for network failures and timeouts
   * (the caller retries those) and a FATAL {@link AdaptorException} for a body over {@code maxBytes}.
   */
  HttpReply exchange(HttpCall call, long maxBytes) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(call.uri()).timeout(requestTimeout);
    call.headers().forEach(h -> b.header(h.name(), h.value()));
    b.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(call.body()));
    HttpResponse<InputStream> response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > maxBytes) throw tooLarge(call, maxBytes);
      // Read one byte past the bound: enough to know the body is too large without reading the rest.
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) throw tooLarge(call, maxBytes);
      return new HttpReply(response.statusCode(), response.headers(), new String(bytes, StandardCharsets.UTF_8), call);
    }
  }

  private static AdaptorException tooLarge(HttpCall call, long maxBytes) {
    return new AdaptorException(
        Kind.FATAL, "response_too_large", "The response of " + call.describe() + " is larger than " + maxBytes + " bytes.");
  }
}

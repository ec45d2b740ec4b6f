package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorException.Kind;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.Throttle;
import io.tributary.adaptors.json.Json;
import io.tributary.adaptors.json.JsonPaths;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request until it gets an answer worth returning: waits out rate limits (pausing the whole
 * connection), retries 5xx, timeouts and failed connections with exponential back-off, and turns
 * 401/403 into {@link Kind#AUTH}. Every attempt holds a throttle slot while it is in flight and
 * first checks that the job was not canceled.
 */
final class Retrier {
  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final Transport transport;
  private final HttpOptions options;

  Retrier(Transport transport, HttpOptions options) {
    this.transport = transport;
    this.options = options;
  }

  /**
   * The answer to {@code call}: any status but a rate limit, 5xx, 401 or 403. Throws TRANSIENT when
   * the retries are used up, AUTH for 401/403, CANCELED when the job was canceled.
   */
  HttpReply send(HttpCall call, HttpConnection connection, StepContext context) {
    int failures = 0;
    int rateLimited = 0;
    while (true) {
      if (context.canceled().getAsBoolean()) throw canceled();
      HttpReply reply;
      try (Throttle.Slot slot = context.throttle().acquire()) {
        reply = exchange(call, context, slot);
      } catch (IOException e) {
        String code = e instanceof HttpTimeoutException ? "timeout" : "connection_failed";
        backOff(call, code, "failed (" + code + ")", ++failures, context, e);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw canceled();
      }
      if (rateLimited(reply, connection.rateLimit())) {
        waitOutRateLimit(reply, connection, ++rateLimited, context);
      } else if (reply.status() >= 500) {
        backOff(
            call,
            String.valueOf(reply.status()),
            "answered " + reply.status(),
            ++failures,
            context,
            null);
      } else if (reply.status() == 401 || reply.status() == 403) {
        throw new AdaptorException(
            Kind.AUTH,
            String.valueOf(reply.status()),
            call.describe() + " answered " + reply.status() + ": the credentials were refused.");
      } else {
        return reply;
      }
    }
  }

  private HttpReply exchange(HttpCall call, StepContext context, Throttle.Slot slot)
      throws IOException, InterruptedException {
    try {
      HttpReply reply = transport.exchange(call, context.maxResponseBytes());
      slot.answered(reply.status());
      return reply;
    } catch (IOException e) {
      slot.answered(0);
      throw e;
    }
  }

  /**
   * Waits before retry number {@code failures}, or gives up as TRANSIENT when the retries are used
   * up.
   */
  private void backOff(
      HttpCall call, String code, String what, int failures, StepContext context, Throwable cause) {
    if (failures > options.maxRetries()) {
      throw new AdaptorException(
          Kind.TRANSIENT,
          code,
          call.describe() + " " + what + " after " + failures + " tries.",
          cause);
    }
    pause(call, code, options.backoff(failures), context);
  }

  /** Waits as long as the answer asks (bounded), holding back the whole connection meanwhile. */
  private void waitOutRateLimit(
      HttpReply reply, HttpConnection connection, int rateLimited, StepContext context) {
    HttpCall call = reply.call();
    if (rateLimited > options.maxRateLimitRetries()) {
      throw new AdaptorException(
          Kind.TRANSIENT,
          "rate_limited",
          call.describe() + " was still rate limited after " + rateLimited + " tries.");
    }
    Duration wait =
        retryAfter(reply, connection.retryHeader(), context.clock())
            .orElse(options.backoff(rateLimited));
    if (wait.compareTo(options.maxRateLimitWait()) > 0) wait = options.maxRateLimitWait();
    // Other requests of this connection (other pages, other jobs) must wait too: the limit is the
    // account's.
    context.throttle().pauseUntil(context.clock().millis() + wait.toMillis());
    pause(call, String.valueOf(reply.status()), wait, context);
  }

  private static AdaptorException canceled() {
    return new AdaptorException(Kind.CANCELED, "canceled", "The job was canceled.");
  }

  private void pause(HttpCall call, String why, Duration wait, StepContext context) {
    LOG.debug("{} -> {}; retrying in {} ms", call.describe(), why, wait.toMillis());
    try {
      options.sleeper().sleep(wait, context.canceled());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw canceled();
    }
  }

  /** A 429 always; the connection's own fail status when its body rule (if any) matches too. */
  private static boolean rateLimited(HttpReply reply, HttpConnection.RateLimit rule) {
    if (reply.status() == 429) return true;
    if (reply.status() != rule.failStatusCode()) return false;
    if (rule.failPath() == null) return true;
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(reply.body());
    } catch (IOException e) {
      return false;
    }
    return body != null
        && JsonValues.matches(JsonPaths.get(body, rule.failPath()), rule.failValues());
  }

  /** Retry-After as seconds or as an HTTP date; empty when absent or unreadable. */
  static Optional<Duration> retryAfter(HttpReply reply, String header, Clock clock) {
    Optional<String> value = reply.header(header).map(String::trim);
    if (value.isEmpty()) return Optional.empty();
    String v = value.get();
    try {
      if (v.matches("\\d+(\\.\\d+)?"))
        return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
      ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}

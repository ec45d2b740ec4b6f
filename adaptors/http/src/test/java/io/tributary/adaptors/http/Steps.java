package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.Throttle;
import io.tributary.adaptors.json.Json;
import io.tributary.templating.HandlebarsTemplating;
import io.tributary.templating.Templates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the adaptor, its step contexts and the recording throttle and sleeper the tests inspect.
 */
final class Steps {
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  /**
   * The production templating (Handlebars with integrator.io's helpers), so requests are encoded as
   * in production.
   */
  static final HandlebarsTemplating TEMPLATING =
      new HandlebarsTemplating(new Templates(Clock.fixed(NOW, ZoneOffset.UTC)));

  final RecordingThrottle throttle = new RecordingThrottle();
  final List<Duration> sleeps = new ArrayList<>();
  final AtomicBoolean canceled = new AtomicBoolean();
  final HttpAdaptor adaptor;
  long maxBytes = 1_000_000;
  ObjectNode templateContext =
      (ObjectNode)
          Json.read(
              "{\"settings\":{\"region\":\"eu\"},\"lastExportDateTime\":\"2025-01-01T00:00:00Z\"}");

  /** Timeouts generous enough for a loaded build machine; back-offs are recorded, not slept. */
  Steps() {
    this(Duration.ofSeconds(5));
  }

  Steps(Duration requestTimeout) {
    this(requestTimeout, io.tributary.adaptors.NetworkGuard.from(java.util.Map.of()));
  }

  Steps(Duration requestTimeout, io.tributary.adaptors.NetworkGuard guard) {
    adaptor =
        new HttpAdaptor(
            new HttpOptions(
                Duration.ofSeconds(5),
                requestTimeout,
                3,
                Duration.ofMillis(100),
                10,
                Duration.ofMinutes(5),
                (d, c) -> sleeps.add(d)),
            guard);
  }

  StepContext context(JsonNode connection, JsonNode resource) {
    return new StepContext(
        (ObjectNode) connection,
        (ObjectNode) resource,
        templateContext,
        TEMPLATING,
        throttle,
        canceled::get,
        Clock.fixed(NOW, ZoneOffset.UTC),
        maxBytes);
  }

  /**
   * An {@code http} connection to {@code api} with the given extra JSON members of its http block.
   */
  static ObjectNode connection(FakeApi api, String httpMembers) {
    String extra = httpMembers.isBlank() ? "" : "," + httpMembers;
    return (ObjectNode)
        Json.read(
            "{\"type\":\"http\",\"http\":{\"baseURI\":\""
                + api.baseUri()
                + "/api\""
                + extra
                + "}}");
  }

  static ObjectNode doc(String json) {
    return (ObjectNode) Json.read(json);
  }

  /** Counts slots and remembers pauses; fails a test that sends two requests at once. */
  static final class RecordingThrottle implements Throttle {
    final AtomicInteger acquired = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final List<Long> pausedUntil = new ArrayList<>();

    @Override
    public Slot acquire() {
      acquired.incrementAndGet();
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      return inFlight::decrementAndGet;
    }

    @Override
    public synchronized void pauseUntil(long epochMillis) {
      pausedUntil.add(epochMillis);
    }
  }
}

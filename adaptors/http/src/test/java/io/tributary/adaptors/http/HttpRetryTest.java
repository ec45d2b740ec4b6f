package io.tributary.adaptors.http;

import static io.tributary.adaptors.http.FakeApi.Answer.json;
import static io.tributary.adaptors.http.FakeApi.Answer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorException.Kind;
import io.tributary.adaptors.PageSource;
import io.tributary.adaptors.RecordError;
import io.tributary.adaptors.SubmitResult;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpRetryTest {
  private final FakeApi api = new FakeApi();
  private final Steps steps = new Steps();
  private String connectionMembers = "";

  HttpRetryTest() throws Exception {}

  @AfterEach
  void stop() {
    api.close();
  }

  private PageSource export() {
    ObjectNode export =
        Steps.doc(
            "{\"adaptorType\":\"HTTPExport\",\"http\":{\"relativeURI\":\"/items\",\"response\":{\"resourcePath\":\"items\"}}}");
    return steps.adaptor.export(steps.context(Steps.connection(api, connectionMembers), export));
  }

  private List<SubmitResult> submit(JsonNode... records) {
    ObjectNode doc =
        Steps.doc(
            "{\"adaptorType\":\"HTTPImport\",\"http\":{\"method\":\"POST\",\"relativeURI\":\"/items\"}}");
    return steps.adaptor.submit(
        steps.context(Steps.connection(api, connectionMembers), doc), List.of(records));
  }

  @Test
  void aRateLimitPausesTheConnectionForRetryAfterSecondsAndRetriesTheSameRequest() {
    api.enqueue(status(429, "").with("Retry-After", "2"), json("{\"items\":[{\"id\":1}]}"));
    assertThat(export().next().orElseThrow()).hasSize(1);
    assertThat(api.targets()).containsExactly("/api/items", "/api/items");
    assertThat(steps.sleeps).containsExactly(Duration.ofSeconds(2));
    assertThat(steps.throttle.pausedUntil).containsExactly(Steps.NOW.toEpochMilli() + 2000);
  }

  @Test
  void retryAfterMayBeAnHttpDateInTheConnectionsOwnHeader() {
    connectionMembers = "\"retryHeader\":\"X-Wait-Until\"";
    String at =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Steps.NOW.plusSeconds(3).atZone(ZoneOffset.UTC));
    api.enqueue(status(429, "").with("X-Wait-Until", at).with("Retry-After", "60"), json("{}"));
    assertThat(submit(Steps.doc("{\"a\":1}")).get(0).failed()).isFalse();
    assertThat(steps.sleeps).containsExactly(Duration.ofSeconds(3));
    assertThat(api.received())
        .extracting(FakeApi.Received::body)
        .containsExactly("{\"a\":1}", "{\"a\":1}");
  }

  @Test
  void theConnectionsRateLimitRuleMayMatchAStatusAndABodyValue() {
    connectionMembers =
        "\"rateLimit\":{\"failStatusCode\":200,\"failPath\":\"error.code\",\"failValues\":[\"SLOW_DOWN\"]}";
    api.enqueue(json("{\"error\":{\"code\":\"SLOW_DOWN\"}}"), json("{\"items\":[{\"id\":1}]}"));
    assertThat(export().next().orElseThrow()).hasSize(1);
    assertThat(steps.sleeps)
        .as("no Retry-After: the first back-off")
        .containsExactly(Duration.ofMillis(100));
    assertThat(steps.throttle.pausedUntil).containsExactly(Steps.NOW.toEpochMilli() + 100);
  }

  @Test
  void rateLimitRetriesAreBoundedThenTransient() {
    api.on(r -> status(429, "").with("Retry-After", "1"));
    assertThatThrownBy(() -> export().next())
        .isInstanceOfSatisfying(
            AdaptorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
              assertThat(e.code()).isEqualTo("rate_limited");
            });
    assertThat(api.received()).hasSize(11);
    assertThat(steps.sleeps).hasSize(10);
  }

  @Test
  void serverErrorsAreRetriedWithExponentialBackOff() {
    api.enqueue(status(503, ""), status(502, ""), json("{\"items\":[{\"id\":1}]}"));
    assertThat(export().next().orElseThrow()).hasSize(1);
    assertThat(steps.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(api.received()).hasSize(3);
  }

  @Test
  void anExportGivesUpOnServerErrorsAsTransient() {
    api.on(r -> status(500, "boom"));
    assertThatThrownBy(() -> export().next())
        .isInstanceOfSatisfying(
            AdaptorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
              assertThat(e.code()).isEqualTo("500");
            })
        .hasMessage("GET /api/items answered 500 after 4 tries.");
    assertThat(steps.sleeps)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void aTimedOutImportIsARetryableRecordError() {
    Steps impatient = new Steps(Duration.ofMillis(200));
    api.on(r -> api.hang());
    ObjectNode doc =
        Steps.doc(
            "{\"adaptorType\":\"HTTPImport\",\"http\":{\"method\":\"POST\",\"relativeURI\":\"/items\"}}");
    List<SubmitResult> results =
        impatient.adaptor.submit(
            impatient.context(Steps.connection(api, ""), doc), List.of(Steps.doc("{\"a\":1}")));
    RecordError error = results.get(0).errors().get(0);
    assertThat(error.code()).isEqualTo("timeout");
    assertThat(error.retryable()).isTrue();
    assertThat(error.source()).isEqualTo("application");
    assertThat(api.received()).hasSize(4);
    assertThat(impatient.sleeps)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void aConnectionThatCannotBeMadeIsTransient() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    ObjectNode connection =
        Steps.doc(
            "{\"type\":\"http\",\"http\":{\"baseURI\":\"http://127.0.0.1:" + closedPort + "\"}}");
    assertThatThrownBy(() -> steps.adaptor.ping(steps.context(connection, Steps.doc("{}"))))
        .isInstanceOfSatisfying(
            AdaptorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
              assertThat(e.code()).isEqualTo("connection_failed");
            });
    assertThat(steps.sleeps).hasSize(3);
  }

  @Test
  void eachRequestHoldsAThrottleSlotWhileInFlight() {
    List<Integer> inFlightSeen = Collections.synchronizedList(new ArrayList<>());
    api.on(
        r -> {
          inFlightSeen.add(steps.throttle.inFlight.get());
          return r.path().endsWith("items") && inFlightSeen.size() == 1
              ? status(503, "")
              : json("{}");
        });
    submit(Steps.doc("{\"a\":1}"), Steps.doc("{\"a\":2}"));
    assertThat(inFlightSeen).containsExactly(1, 1, 1);
    assertThat(steps.throttle.acquired.get()).isEqualTo(3);
    assertThat(steps.throttle.inFlight.get()).isZero();
    assertThat(steps.throttle.maxInFlight.get()).isEqualTo(1);
  }

  @Test
  void aCanceledJobStopsBeforeTheNextRequest() {
    api.on(
        r -> {
          steps.canceled.set(true);
          return json("{}");
        });
    assertThatThrownBy(() -> submit(Steps.doc("{\"a\":1}"), Steps.doc("{\"a\":2}")))
        .isInstanceOfSatisfying(
            AdaptorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CANCELED);
              assertThat(e.code()).isEqualTo("canceled");
            });
    assertThat(api.received()).hasSize(1);
  }
}

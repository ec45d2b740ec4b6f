package io.tributary.adaptors.http;

import static io.tributary.adaptors.http.FakeApi.Answer.json;
import static io.tributary.adaptors.http.FakeApi.Answer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.NetworkGuard;
import io.tributary.adaptors.json.Json;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redirects are followed by the adaptor itself: bounded, checked by the guard, and credentials stay
 * on their origin.
 */
class HttpRedirectTest {
  private static final String CREDENTIALS =
      "\"headers\":[{\"name\":\"X-Api-Key\",\"value\":\"k-123\"},{\"name\":\"Cookie\",\"value\":\"sid=s-9\"}],"
          + "\"auth\":{\"type\":\"basic\",\"basic\":{\"username\":\"ada\",\"password\":\"s3cret\"}}";
  private final FakeApi api = new FakeApi();
  private final FakeApi other = new FakeApi(InetAddress.getByName("127.0.0.2"));
  private Steps steps = new Steps();

  HttpRedirectTest() throws Exception {}

  @AfterEach
  void stop() {
    api.close();
    other.close();
  }

  private void ping(String httpMembers) {
    steps.adaptor.ping(
        steps.context(
            Steps.connection(api, httpMembers + ",\"ping\":{\"relativeURI\":\"/me\"}"),
            Json.object()));
  }

  @Test
  void aSameOriginRedirectKeepsTheCredentials() {
    api.enqueue(status(302, "").with("Location", "/api/v2/me"), json("{}"));
    ping(CREDENTIALS);
    assertThat(api.targets()).containsExactly("/api/me", "/api/v2/me");
    assertThat(api.received().get(1).header("Authorization")).startsWith("Basic ");
    assertThat(api.received().get(1).header("X-Api-Key")).isEqualTo("k-123");
  }

  @Test
  void aRedirectToAnotherOriginCarriesNoCredentials() {
    for (int code : new int[] {301, 302, 303, 307, 308}) {
      api.enqueue(status(code, "").with("Location", other.baseUri() + "/elsewhere?x=1"));
      other.enqueue(json("{}"));
    }
    for (int i = 0; i < 5; i++) ping(CREDENTIALS);
    assertThat(other.received())
        .hasSize(5)
        .allSatisfy(
            r -> {
              assertThat(r.target()).isEqualTo("/elsewhere?x=1");
              assertThat(r.header("Authorization")).isNull();
              assertThat(r.header("X-Api-Key")).isNull();
              assertThat(r.header("Cookie")).isNull();
            });
  }

  @Test
  void aTokenHeaderIsNotForwardedAcrossOrigins() {
    api.enqueue(status(307, "").with("Location", other.baseUri() + "/x"));
    other.enqueue(json("{}"));
    ping(
        "\"auth\":{\"type\":\"token\",\"token\":{\"token\":\"t-2\",\"headerName\":\"X-Token\",\"scheme\":\"none\"}}");
    assertThat(other.received())
        .singleElement()
        .satisfies(r -> assertThat(r.header("X-Token")).isNull());
  }

  @Test
  void aPortIsPartOfTheOrigin() throws Exception {
    try (FakeApi samehost = new FakeApi()) {
      api.enqueue(status(302, "").with("Location", samehost.baseUri() + "/x"));
      samehost.enqueue(json("{}"));
      ping(CREDENTIALS);
      assertThat(samehost.received())
          .singleElement()
          .satisfies(r -> assertThat(r.header("Authorization")).isNull());
    }
  }

  @Test
  void redirectsAreBounded() {
    api.on(r -> status(302, "").with("Location", "/api/loop"));
    assertThatThrownBy(() -> ping(CREDENTIALS))
        .isInstanceOfSatisfying(
            AdaptorException.class, e -> assertThat(e.code()).isEqualTo("too_many_redirects"));
    assertThat(api.received()).hasSize(1 + HttpRedirects.MAX);
  }

  @Test
  void theGuardChecksEveryRedirectTarget() {
    steps =
        new Steps(
            Duration.ofSeconds(5),
            NetworkGuard.from(Map.of(NetworkGuard.BLOCKED_ENV, "127.0.0.2/32")));
    api.enqueue(status(302, "").with("Location", other.baseUri() + "/x"));
    assertThatThrownBy(() -> ping(CREDENTIALS))
        .isInstanceOfSatisfying(
            AdaptorException.class, e -> assertThat(e.code()).isEqualTo("blocked_address"));
    assertThat(other.received()).isEmpty();
  }

  @Test
  void aBlockedHostIsRefusedBeforeAnyRequest() {
    steps =
        new Steps(
            Duration.ofSeconds(5),
            NetworkGuard.from(Map.of(NetworkGuard.BLOCKED_ENV, "127.0.0.1/32")));
    assertThatThrownBy(() -> ping(CREDENTIALS))
        .isInstanceOfSatisfying(
            AdaptorException.class, e -> assertThat(e.code()).isEqualTo("blocked_address"));
    assertThat(api.received()).isEmpty();
    Steps defaults = new Steps();
    var metadata =
        Json.read(
            "{\"type\":\"http\",\"http\":{\"baseURI\":\"http://169.254.169.254/latest/meta-data\",\"ping\":{\"relativeURI\":\"/\"}}}");
    assertThatThrownBy(() -> defaults.adaptor.ping(defaults.context(metadata, Json.object())))
        .isInstanceOfSatisfying(
            AdaptorException.class, e -> assertThat(e.code()).isEqualTo("blocked_address"));
    assertThat(defaults.sleeps).isEmpty();
  }
}

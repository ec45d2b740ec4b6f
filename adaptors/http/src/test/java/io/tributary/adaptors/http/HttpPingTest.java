package io.tributary.adaptors.http;

import static io.tributary.adaptors.http.FakeApi.Answer.json;
import static io.tributary.adaptors.http.FakeApi.Answer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorRegistry;
import io.tributary.adaptors.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpPingTest {
  private final FakeApi api = new FakeApi();
  private final Steps steps = new Steps();

  HttpPingTest() throws Exception {}

  @AfterEach
  void stop() {
    api.close();
  }

  private void ping(String httpMembers) {
    steps.adaptor.ping(steps.context(Steps.connection(api, httpMembers), Json.object()));
  }

  @Test
  void basicAuthSendsTheEncodedPairToThePingUri() {
    api.enqueue(json("{\"ok\":true}"));
    ping(
        "\"auth\":{\"type\":\"basic\",\"basic\":{\"username\":\"ada\",\"password\":\"s3cret\"}},\"ping\":{\"relativeURI\":\"/me\"}");
    FakeApi.Received r = api.received().get(0);
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.target()).isEqualTo("/api/me");
    String expected =
        Base64.getEncoder().encodeToString("ada:s3cret".getBytes(StandardCharsets.UTF_8));
    assertThat(r.header("Authorization")).isEqualTo("Basic " + expected);
  }

  @Test
  void aTokenGoesInTheAuthorizationHeaderAsBearerByDefault() {
    api.enqueue(json("{}"));
    ping(
        "\"auth\":{\"type\":\"token\",\"token\":{\"token\":\"t-1\"}},\"ping\":{\"relativeURI\":\"me\"}");
    assertThat(api.received().get(0).header("Authorization")).isEqualTo("Bearer t-1");
    assertThat(api.received().get(0).path()).isEqualTo("/api/me");
  }

  @Test
  void aTokenMayUseItsOwnHeaderWithoutScheme() {
    api.enqueue(json("{}"));
    ping(
        "\"auth\":{\"type\":\"token\",\"token\":{\"token\":\"t-2\",\"location\":\"header\",\"headerName\":\"X-Api-Key\",\"scheme\":\"none\"}},"
            + "\"ping\":{\"relativeURI\":\"/me\"}");
    assertThat(api.received().get(0).header("X-Api-Key")).isEqualTo("t-2");
    assertThat(api.received().get(0).header("Authorization")).isNull();
  }

  @Test
  void aTokenMayGoInTheQuery() {
    api.enqueue(json("{}"));
    ping(
        "\"auth\":{\"type\":\"token\",\"token\":{\"token\":\"a b\",\"location\":\"url\",\"paramName\":\"api_key\"}},"
            + "\"ping\":{\"relativeURI\":\"/me?x=1\"}");
    assertThat(api.received().get(0).target()).isEqualTo("/api/me?x=1&api_key=a+b");
  }

  @Test
  void customAuthSendsTheConnectionHeadersRenderedWithTheContext() {
    api.enqueue(json("{}"));
    ping(
        "\"auth\":{\"type\":\"custom\"},\"headers\":[{\"name\":\"X-Key\",\"value\":\"k-{{settings.region}}\"}],"
            + "\"ping\":{\"relativeURI\":\"/me\"}");
    assertThat(api.received().get(0).header("X-Key")).isEqualTo("k-eu");
  }

  @Test
  void aPingMayPostABodyAndCheckSuccessValues() {
    api.enqueue(json("{\"status\":\"up\"}"), json("{\"status\":\"down\"}"));
    String members =
        "\"ping\":{\"relativeURI\":\"/health\",\"method\":\"POST\",\"body\":\"{\\\"q\\\":1}\","
            + "\"successPath\":\"status\",\"successValues\":[\"up\"]}";
    ping(members);
    FakeApi.Received r = api.received().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.body()).isEqualTo("{\"q\":1}");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThatThrownBy(() -> ping(members))
        .isInstanceOfSatisfying(
            AdaptorException.class,
            e -> assertThat(e.kind()).isEqualTo(AdaptorException.Kind.FATAL))
        .hasMessageContaining("successPath 'status' is 'down'");
  }

  @Test
  void aPingFailsWhenTheFailPathMatches() {
    api.enqueue(json("{\"error\":{\"code\":\"EXPIRED\"}}"));
    assertThatThrownBy(
            () ->
                ping(
                    "\"ping\":{\"relativeURI\":\"/me\",\"failPath\":\"error.code\",\"failValues\":[\"EXPIRED\"]}"))
        .hasMessageContaining("failPath 'error.code' is 'EXPIRED'");
  }

  @Test
  void refusedCredentialsAreAuthFailuresThatDoNotShowTheToken() {
    api.enqueue(status(401, "{\"message\":\"bad token\"}"), status(403, ""));
    String members =
        "\"auth\":{\"type\":\"token\",\"token\":{\"token\":\"very-secret\",\"location\":\"url\"}},\"ping\":{\"relativeURI\":\"/me\"}";
    for (int status : new int[] {401, 403}) {
      assertThatThrownBy(() -> ping(members))
          .isInstanceOfSatisfying(
              AdaptorException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(AdaptorException.Kind.AUTH);
                assertThat(e.code()).isEqualTo(String.valueOf(status));
              })
          .hasMessageContaining("GET /api/me")
          .hasMessageNotContaining("very-secret");
    }
    assertThat(api.received()).hasSize(2);
  }

  @Test
  void anotherFailingStatusIsAFatalPingFailureWithTheTargetsMessage() {
    api.enqueue(status(404, "{\"errors\":[{\"message\":\"no such endpoint\"}]}"));
    assertThatThrownBy(() -> ping("\"ping\":{\"relativeURI\":\"/nope\"}"))
        .isInstanceOfSatisfying(
            AdaptorException.class,
            e -> assertThat(e.kind()).isEqualTo(AdaptorException.Kind.FATAL))
        .hasMessage("GET /api/nope answered 404: no such endpoint");
  }

  @Test
  void withoutAPingRequestTheBaseUriIsFetched() {
    api.enqueue(json("{}"));
    ping("");
    assertThat(api.targets()).containsExactly("/api");
  }

  @Test
  void aLegacyRestConnectionMapsItsTokenAndPing() {
    api.enqueue(json("{}"), json("{}"));
    var rest = Json.object().put("type", "rest");
    rest.putObject("rest")
        .put("baseURI", api.baseUri() + "/v2")
        .put("authType", "token")
        .put("bearerToken", "tk")
        .put("tokenLocation", "url")
        .put("tokenParam", "token")
        .put("pingRelativeURI", "api.test");
    steps.adaptor.ping(steps.context(rest, Json.object()));
    ((com.fasterxml.jackson.databind.node.ObjectNode) rest.get("rest"))
        .put("tokenLocation", "header");
    steps.adaptor.ping(steps.context(rest, Json.object()));
    assertThat(api.targets()).containsExactly("/v2/api.test?token=tk", "/v2/api.test");
    assertThat(api.received().get(1).header("Authorization")).isEqualTo("Bearer tk");
  }

  @Test
  void theServiceLoaderFindsTheAdaptorForBothConnectionTypes() {
    AdaptorRegistry registry = AdaptorRegistry.load();
    assertThat(registry.forConnectionType("http")).get().isInstanceOf(HttpAdaptor.class);
    assertThat(registry.forConnectionType("rest")).get().isInstanceOf(HttpAdaptor.class);
  }
}

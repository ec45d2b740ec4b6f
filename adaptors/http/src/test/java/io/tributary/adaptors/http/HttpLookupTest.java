package io.tributary.adaptors.http;

import static io.tributary.adaptors.http.FakeApi.Answer.json;
import static io.tributary.adaptors.http.FakeApi.Answer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.LookupResult;
import io.tributary.adaptors.RecordError;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpLookupTest {
  private final FakeApi api = new FakeApi();
  private final Steps steps = new Steps();
  private final List<ObjectNode> page =
      List.of(
          Steps.doc("{\"id\":\"1\",\"email\":\"a@x.io\"}"),
          Steps.doc("{\"id\":\"2\",\"email\":\"b@x.io\"}"));

  HttpLookupTest() throws Exception {}

  @AfterEach
  void stop() {
    api.close();
  }

  private List<LookupResult> lookup(String httpBlock) {
    ObjectNode export =
        Steps.doc("{\"adaptorType\":\"HTTPExport\",\"isLookup\":true,\"http\":" + httpBlock + "}");
    return steps.adaptor.lookup(steps.context(Steps.connection(api, ""), export), page);
  }

  @Test
  void oneRequestPerRecordWithTheRecordAtTheTopAndAsRecordAndThePageAsData() {
    api.enqueue(json("{\"found\":[{\"n\":1},{\"n\":2}]}"), json("{\"found\":{\"n\":3}}"));
    List<LookupResult> results =
        lookup(
            "{\"method\":\"POST\",\"relativeURI\":\"/people/{{id}}?q={{record.email}}\","
                + "\"body\":\"{\\\"first\\\":\\\"{{data.0.id}}\\\",\\\"region\\\":\\\"{{settings.region}}\\\"}\","
                + "\"response\":{\"resourcePath\":\"found\"}}");
    assertThat(api.targets())
        .containsExactly("/api/people/1?q=a%40x.io", "/api/people/2?q=b%40x.io");
    assertThat(api.received())
        .extracting(FakeApi.Received::body)
        .containsOnly("{\"first\":\"1\",\"region\":\"eu\"}");
    assertThat(results.get(0).data()).extracting(n -> n.path("n").asInt()).containsExactly(1, 2);
    assertThat(results.get(1).data())
        .extracting(n -> n.path("n").asInt())
        .as("a single object is one record")
        .containsExactly(3);
    assertThat(results).noneMatch(LookupResult::failed);
  }

  @Test
  void aClientErrorIsThatRecordsErrorAndTheOthersGoOn() {
    api.enqueue(status(404, "{\"message\":\"no such person\"}"), json("[{\"n\":1}]"));
    List<LookupResult> results = lookup("{\"relativeURI\":\"/people/{{record.id}}\"}");
    assertThat(results.get(0).errors())
        .containsExactly(RecordError.of("404", "no such person", "lookup"));
    assertThat(results.get(0).data()).isEmpty();
    assertThat(results.get(1).data()).extracting(JsonNode::toString).containsExactly("{\"n\":1}");
  }

  @Test
  void garbageAndServerFailuresAreRecordErrorsTheLatterRetryable() {
    api.on(r -> r.path().endsWith("/1") ? status(200, "not json") : status(503, "busy"));
    List<LookupResult> results = lookup("{\"relativeURI\":\"/people/{{record.id}}\"}");
    RecordError garbage = results.get(0).errors().get(0);
    assertThat(garbage.code()).isEqualTo("invalid_response");
    assertThat(garbage.message()).contains("GET /api/people/1 is not JSON");
    assertThat(garbage.retryable()).isFalse();
    RecordError busy = results.get(1).errors().get(0);
    assertThat(busy)
        .isEqualTo(
            new RecordError(
                "503", "GET /api/people/2 answered 503 after 4 tries.", "lookup", true));
    assertThat(api.targets())
        .containsExactly(
            "/api/people/1", "/api/people/2", "/api/people/2", "/api/people/2", "/api/people/2");
  }

  @Test
  void anAnswerLargerThanTheBoundIsThatRecordsErrorEvenWithoutContentLength() {
    steps.maxBytes = 50;
    api.on(
        r ->
            r.path().endsWith("/1")
                ? json("[" + "{\"n\":1},".repeat(20) + "{}]").with(FakeApi.CHUNKED, "yes")
                : json("[]"));
    List<LookupResult> results = lookup("{\"relativeURI\":\"/people/{{record.id}}\"}");
    assertThat(results.get(0).errors())
        .containsExactly(
            RecordError.of(
                "response_too_large",
                "The response of GET /api/people/1 is larger than 50 bytes.",
                "lookup"));
    assertThat(results.get(1).failed()).isFalse();
  }

  @Test
  void refusedCredentialsFailTheWholeCall() {
    api.enqueue(status(401, ""));
    assertThatThrownBy(() -> lookup("{\"relativeURI\":\"/people/{{record.id}}\"}"))
        .isInstanceOfSatisfying(
            AdaptorException.class,
            e -> assertThat(e.kind()).isEqualTo(AdaptorException.Kind.AUTH));
    assertThat(api.received()).hasSize(1);
  }
}

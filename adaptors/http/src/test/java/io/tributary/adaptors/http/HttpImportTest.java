package io.tributary.adaptors.http;

import static io.tributary.adaptors.http.FakeApi.Answer.json;
import static io.tributary.adaptors.http.FakeApi.Answer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.RecordError;
import io.tributary.adaptors.SubmitResult;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpImportTest {
  private final FakeApi api = new FakeApi();
  private final Steps steps = new Steps();
  private final List<JsonNode> records =
      List.of(
          Steps.doc("{\"sku\":\"a\"}"), Steps.doc("{\"sku\":\"b\"}"), Steps.doc("{\"sku\":\"c\"}"));

  HttpImportTest() throws Exception {}

  @AfterEach
  void stop() {
    api.close();
  }

  private List<SubmitResult> submit(String block, String httpBlock) {
    ObjectNode doc =
        Steps.doc("{\"adaptorType\":\"HTTPImport\",\"" + block + "\":" + httpBlock + "}");
    return steps.adaptor.submit(steps.context(Steps.connection(api, ""), doc), records);
  }

  @Test
  void eachRecordIsSentAsJsonWithArrayValuedFieldsAndItsIdRead() {
    api.on(
        r ->
            json(
                "{\"result\":{\"id\":\"id-"
                    + r.path().substring(r.path().lastIndexOf('/') + 1)
                    + "\"}}"));
    List<SubmitResult> results =
        submit(
            "http",
            "{\"method\":[\"PUT\"],\"relativeURI\":[\"/items/{{record.sku}}\"],"
                + "\"response\":{\"resourceIdPath\":[\"result.id\"]}}");
    assertThat(api.received()).extracting(FakeApi.Received::method).containsOnly("PUT");
    assertThat(api.targets()).containsExactly("/api/items/a", "/api/items/b", "/api/items/c");
    assertThat(api.received())
        .extracting(FakeApi.Received::body)
        .containsExactly("{\"sku\":\"a\"}", "{\"sku\":\"b\"}", "{\"sku\":\"c\"}");
    assertThat(results).extracting(SubmitResult::statusCode).containsOnly(200);
    assertThat(results).extracting(SubmitResult::id).containsExactly("id-a", "id-b", "id-c");
    assertThat(results.get(0).json().path("result").path("id").asText()).isEqualTo("id-a");
  }

  @Test
  void batchesAreSentAsArraysAndAnIdArrayGivesEachRecordItsId() {
    api.on(
        r -> r.body().contains("\"c\"") ? json("[{\"id\":3}]") : json("[{\"id\":1},{\"id\":2}]"));
    List<SubmitResult> results =
        submit(
            "http",
            "{\"method\":\"POST\",\"relativeURI\":\"/bulk\",\"batchSize\":2,"
                + "\"response\":{\"resourceIdPath\":\"[*].id\"}}");
    assertThat(api.received())
        .extracting(FakeApi.Received::body)
        .containsExactly("[{\"sku\":\"a\"},{\"sku\":\"b\"}]", "[{\"sku\":\"c\"}]");
    assertThat(results).extracting(SubmitResult::id).containsExactly("1", "2", "3");
  }

  @Test
  void aBatchBodyTemplateSeesTheBatchAsDataAndTheFirstAsRecord() {
    api.enqueue(json("{}"), json("{}"));
    submit(
        "http",
        "{\"method\":\"POST\",\"relativeURI\":\"/bulk\",\"batchSize\":2,"
            + "\"body\":[\"{\\\"first\\\":\\\"{{record.sku}}\\\",\\\"second\\\":\\\"{{data.1.sku}}\\\",\\\"n\\\":{{{data}}}}\"]}");
    assertThat(api.received())
        .extracting(FakeApi.Received::body)
        .containsExactly(
            "{\"first\":\"a\",\"second\":\"b\",\"n\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}",
            "{\"first\":\"c\",\"second\":\"\",\"n\":[{\"sku\":\"c\"}]}");
  }

  @Test
  void aRejectedRecordIsA422WithTheTargetsMessageAndResponse() {
    api.enqueue(
        status(422, "{\"errors\":[{\"message\":\"sku taken\"}]}"),
        status(400, "plain failure text"),
        json("{\"id\":\"ok\"}"));
    List<SubmitResult> results =
        submit(
            "http",
            "{\"method\":\"POST\",\"relativeURI\":\"/items\",\"response\":{\"resourceIdPath\":\"id\"}}");
    assertThat(results.get(0).statusCode()).isEqualTo(422);
    assertThat(results.get(0).errors())
        .containsExactly(RecordError.of("422", "sku taken", "application"));
    assertThat(results.get(0).json().path("errors").path(0).path("message").asText())
        .isEqualTo("sku taken");
    assertThat(results.get(1).errors())
        .containsExactly(RecordError.of("400", "plain failure text", "application"));
    assertThat(results.get(1).json().path("body").asText()).isEqualTo("plain failure text");
    assertThat(results.get(2)).isEqualTo(SubmitResult.success("ok", Steps.doc("{\"id\":\"ok\"}")));
  }

  @Test
  void theSuccessPathDecidesWhenPresent() {
    api.enqueue(
        json("{\"state\":\"ok\"}"), json("{\"state\":\"dup\"}"), json("{\"state\":\"ok\"}"));
    List<SubmitResult> results =
        submit(
            "http",
            "{\"method\":\"POST\",\"relativeURI\":\"/items\","
                + "\"response\":{\"successPath\":[\"state\"],\"successValues\":[\"ok\"]}}");
    assertThat(results).extracting(SubmitResult::failed).containsExactly(false, true, false);
    assertThat(results.get(1).statusCode()).isEqualTo(422);
    assertThat(results.get(1).errors().get(0).message()).contains("successPath 'state' is 'dup'");
  }

  @Test
  void refusedCredentialsFailTheWholeCall() {
    api.enqueue(json("{}"), status(403, "{\"message\":\"forbidden\"}"));
    assertThatThrownBy(() -> submit("http", "{\"method\":\"POST\",\"relativeURI\":\"/items\"}"))
        .isInstanceOfSatisfying(
            AdaptorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(AdaptorException.Kind.AUTH);
              assertThat(e.code()).isEqualTo("403");
            });
  }

  @Test
  void aRecordTooLargeToSendIsThatRecordsError() {
    steps.maxBytes = 14;
    api.on(r -> json("{}"));
    List<JsonNode> mixed =
        List.of(Steps.doc("{\"sku\":\"a\"}"), Steps.doc("{\"sku\":\"much too long\"}"));
    ObjectNode doc =
        Steps.doc(
            "{\"adaptorType\":\"HTTPImport\",\"http\":{\"method\":\"POST\",\"relativeURI\":\"/items\"}}");
    List<SubmitResult> results =
        steps.adaptor.submit(steps.context(Steps.connection(api, ""), doc), mixed);
    assertThat(results.get(0).failed()).isFalse();
    assertThat(results.get(1).errors())
        .extracting(RecordError::code)
        .containsExactly("request_too_large");
    assertThat(api.received()).hasSize(1);
  }

  @Test
  void aLegacyRestImportTakesItsArrays() {
    api.on(r -> status(204, ""));
    List<SubmitResult> results =
        submit("rest", "{\"relativeURI\":[\"/system/v1/heartbeat\"],\"method\":[\"PUT\"]}");
    assertThat(api.targets()).containsOnly("/api/system/v1/heartbeat");
    assertThat(api.received()).extracting(FakeApi.Received::method).containsOnly("PUT");
    assertThat(results).extracting(SubmitResult::statusCode).containsOnly(200);
  }
}

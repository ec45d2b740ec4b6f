package io.tributary.adaptors.http;

import static io.tributary.adaptors.http.FakeApi.Answer.json;
import static io.tributary.adaptors.http.FakeApi.Answer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorException.Kind;
import io.tributary.adaptors.PageSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpExportTest {
  private final FakeApi api = new FakeApi();
  private final Steps steps = new Steps();
  private String connectionMembers =
      "\"auth\":{\"type\":\"token\",\"token\":{\"token\":\"sekret\",\"location\":\"url\"}}";

  HttpExportTest() throws Exception {}

  @AfterEach
  void stop() {
    api.close();
  }

  PageSource export(String httpBlock) {
    return export("", httpBlock);
  }

  PageSource export(String exportMembers, String httpBlock) {
    String extra = exportMembers.isBlank() ? "" : exportMembers + ",";
    ObjectNode export =
        Steps.doc("{" + extra + "\"adaptorType\":\"HTTPExport\",\"http\":" + httpBlock + "}");
    return steps.adaptor.export(steps.context(Steps.connection(api, connectionMembers), export));
  }

  static List<String> ids(List<ObjectNode> page) {
    return page.stream().map(r -> r.path("id").asText()).toList();
  }

  static List<List<String>> drain(PageSource source) {
    List<List<String>> pages = new ArrayList<>();
    for (Optional<List<ObjectNode>> p = source.next(); p.isPresent(); p = source.next())
      pages.add(ids(p.get()));
    return pages;
  }

  @Test
  void withoutResourcePathTheWholeBodyIsOneRecordAndAnArrayBodyIsItsRecords() {
    api.enqueue(json("{\"id\":\"me\",\"name\":\"Ada\"}"), json("[{\"id\":\"a\"},{\"id\":\"b\"}]"));
    assertThat(drain(export("{\"relativeURI\":\"/me\"}"))).containsExactly(List.of("me"));
    assertThat(drain(export("{\"relativeURI\":\"/list\"}"))).containsExactly(List.of("a", "b"));
    assertThat(api.targets())
        .containsExactly("/api/me?access_token=sekret", "/api/list?access_token=sekret");
  }

  @Test
  void uriTemplatesEncodeValuesAsProductionHandlebarsDoes() {
    steps.templateContext.putObject("params").put("sku", "A 1/ü&x");
    api.enqueue(json("[]"));
    drain(export("{\"relativeURI\":\"/items?sku={{params.sku}}\"}"));
    // A space is %20 (the regex stand-in these tests used before made it '+').
    assertThat(api.targets())
        .containsExactly("/api/items?sku=A%201%2F%C3%BC%26x&access_token=sekret");
    // {{{...}}} stays raw: a raw space makes no URL, a configuration error.
    assertThatThrownBy(() -> drain(export("{\"relativeURI\":\"/items?sku={{{params.sku}}}\"}")))
        .isInstanceOf(AdaptorException.class)
        .hasMessageContaining("not a valid http(s) URL");
  }

  @Test
  void aPostWithATemplatedBodyAndHeadersOverTheConnections() {
    connectionMembers =
        "\"headers\":[{\"name\":\"X-A\",\"value\":\"1\"},{\"name\":\"X-B\",\"value\":\"1\"}]";
    api.enqueue(json("{\"data\":{\"items\":[{\"id\":\"x\"}]}}"));
    PageSource source =
        export(
            "{\"method\":\"POST\",\"relativeURI\":\"/search/{{settings.region}}\","
                + "\"headers\":[{\"name\":\"x-b\",\"value\":\"2\"}],\"body\":\"{\\\"since\\\":\\\"{{lastExportDateTime}}\\\"}\","
                + "\"response\":{\"resourcePath\":\"data.items\"}}");
    assertThat(api.received()).as("nothing is read before the first page is asked for").isEmpty();
    assertThat(drain(source)).containsExactly(List.of("x"));
    FakeApi.Received r = api.received().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.target()).isEqualTo("/api/search/eu");
    assertThat(r.body()).isEqualTo("{\"since\":\"2025-01-01T00:00:00Z\"}");
    assertThat(r.header("X-A")).isEqualTo("1");
    assertThat(r.headers().get("X-B")).containsExactly("2");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void aPageThatReportsFailureIsFatalAndNamesThePathAndValue() {
    api.enqueue(json("{\"status\":\"error\",\"items\":[]}"), json("{\"ok\":false,\"items\":[]}"));
    assertThatThrownBy(
            () ->
                export(
                        "{\"relativeURI\":\"/x\",\"response\":{\"resourcePath\":\"items\",\"failPath\":\"status\",\"failValues\":[\"error\"]}}")
                    .next())
        .isInstanceOfSatisfying(
            AdaptorException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FATAL))
        .hasMessageContaining("failPath 'status' is 'error'")
        .hasMessageContaining("GET /api/x");
    assertThatThrownBy(
            () ->
                export(
                        "{\"relativeURI\":\"/x\",\"response\":{\"resourcePath\":\"items\",\"successPath\":\"ok\",\"successValues\":[\"true\"]}}")
                    .next())
        .hasMessageContaining("successPath 'ok' is 'false'");
  }

  @Test
  void aBodyThatIsNotJsonIsFatalAndNamesThePathButNotTheToken() {
    api.enqueue(status(200, "<html>oops</html>"));
    assertThatThrownBy(() -> export("{\"relativeURI\":\"/x\"}").next())
        .isInstanceOfSatisfying(
            AdaptorException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FATAL))
        .hasMessageContaining("GET /api/x is not JSON")
        .hasMessageContaining("<html>oops")
        .hasMessageNotContaining("sekret");
  }

  @Test
  void aResourcePathThatLeadsNowhereOrToAScalarIsFatal() {
    api.enqueue(json("{\"items\":[]}"), json("{\"items\":\"none\"}"), json("{\"items\":[1,2]}"));
    assertThatThrownBy(
            () ->
                export("{\"relativeURI\":\"/x\",\"response\":{\"resourcePath\":\"data\"}}").next())
        .hasMessage("resourcePath 'data' is not in the response of GET /api/x.");
    assertThatThrownBy(
            () ->
                export("{\"relativeURI\":\"/x\",\"response\":{\"resourcePath\":\"items\"}}").next())
        .hasMessage("resourcePath 'items' in the response of GET /api/x is string, not records.");
    assertThatThrownBy(
            () ->
                export("{\"relativeURI\":\"/x\",\"response\":{\"resourcePath\":\"items\"}}").next())
        .hasMessageContaining("are not objects (found number)");
  }

  @Test
  void aResponseLargerThanTheBoundIsRefused() {
    steps.maxBytes = 100;
    api.enqueue(json("[" + "{\"id\":\"0123456789\"},".repeat(20) + "{}]"));
    assertThatThrownBy(() -> export("{\"relativeURI\":\"/x\"}").next())
        .isInstanceOfSatisfying(
            AdaptorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.FATAL);
              assertThat(e.code()).isEqualTo("response_too_large");
            })
        .hasMessage("The response of GET /api/x is larger than 100 bytes.");
  }

  @Test
  void aRequestBodyLargerThanTheBoundIsRefusedBeforeSending() {
    steps.maxBytes = 10;
    assertThatThrownBy(
            () ->
                export(
                        "{\"relativeURI\":\"/x\",\"method\":\"POST\",\"body\":\"{\\\"q\\\":\\\"0123456789\\\"}\"}")
                    .next())
        .isInstanceOfSatisfying(
            AdaptorException.class, e -> assertThat(e.code()).isEqualTo("request_too_large"));
    assertThat(api.received()).isEmpty();
  }

  @Test
  void aClientErrorIsFatalWithTheTargetsMessage() {
    api.enqueue(status(400, "{\"message\":\"bad filter\"}"));
    assertThatThrownBy(() -> export("{\"relativeURI\":\"/x\"}").next())
        .isInstanceOfSatisfying(
            AdaptorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.FATAL);
              assertThat(e.code()).isEqualTo("400");
            })
        .hasMessage("GET /api/x answered 400: bad filter");
  }

  @Test
  void aLegacyRestExportKeepsItsResourcePathAtTheTop() {
    api.enqueue(json("{\"rows\":[{\"id\":\"r\"}]}"));
    ObjectNode export =
        Steps.doc(
            "{\"adaptorType\":\"RESTExport\",\"rest\":{\"relativeURI\":\"/rows\",\"resourcePath\":\"rows\"}}");
    assertThat(drain(steps.adaptor.export(steps.context(Steps.connection(api, ""), export))))
        .containsExactly(List.of("r"));
  }

  @Test
  void aCanceledJobSendsNothing() {
    steps.canceled.set(true);
    assertThatThrownBy(() -> export("{\"relativeURI\":\"/x\"}").next())
        .isInstanceOfSatisfying(
            AdaptorException.class, e -> assertThat(e.code()).isEqualTo("canceled"));
    assertThat(api.received()).isEmpty();
  }

  @Test
  void aBadTemplateOrUrlIsAFatalConfigurationError() {
    assertThatThrownBy(() -> export("{\"relativeURI\":\"/x/{{oops\"}").next())
        .isInstanceOfSatisfying(
            AdaptorException.class, e -> assertThat(e.code()).isEqualTo("template_error"));
    assertThatThrownBy(() -> export("{\"relativeURI\":\"/x y\"}").next())
        .isInstanceOfSatisfying(
            AdaptorException.class, e -> assertThat(e.code()).isEqualTo("invalid_url"))
        .hasMessageNotContaining("sekret");
    assertThat(api.received()).isEmpty();
  }
}

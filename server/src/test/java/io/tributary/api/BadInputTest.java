package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Hostile request bodies, paths and parameters answer a 4xx envelope, never a 500, and change
 * nothing.
 */
class BadInputTest extends ApiContractBase {
  @Override
  boolean postgres() {
    return false;
  }

  private static void assertError(ApiClient.Response r, int status, String code, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().path("errors").isArray()).as(r.body()).isTrue();
    assertThat(r.json().findValuesAsText("code")).as(r.body()).contains(code);
    if (field != null) assertThat(r.errorFields()).as(r.body()).contains(field);
  }

  private int flowCount() {
    JsonNode list = api.get("/v1/flows").json();
    return list == null ? 0 : list.size();
  }

  private ApiClient.Response postRaw(String path, String contentType, byte[] body) {
    return api.sendBytes("POST", path, body, contentType);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void outOfRangeExponentsAreInvalidJson() {
    int before = flowCount();
    for (String number :
        new String[] {
          "1e99999999999", "1e-2147483649", "-1E+2147483648", "1e999999", "0.5e-99999"
        }) {
      assertError(
          api.post("/v1/flows", "{\"name\":\"f\",\"settings\":{\"n\":" + number + "}}"),
          400,
          "invalid_json",
          null);
      assertError(
          api.post("/v1/flows", "{\"name\":\"f\",\"settings\":{\"deep\":[[" + number + "]]}}"),
          400,
          "invalid_json",
          null);
    }
    // Ordinary numbers, doubles at the edge of their range and long decimals still round-trip.
    ApiClient.Response ok =
        api.post(
            "/v1/flows",
            "{\"name\":\"n\",\"settings\":{\"a\":1.7976931348623157E308,\"b\":4.9E-324,\"c\":0.1000000000000000000001}}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    assertThat(ok.body()).contains("0.1000000000000000000001");
    api.delete("/v1/flows/" + ok.json().get("_id").asText());
    assertThat(flowCount()).isEqualTo(before);
  }

  @Test
  void deepNestingIsRefusedAtParseAndInStoredDocuments() {
    String conn = fx.httpConnection("deep");
    String deep = "[".repeat(900) + "]".repeat(900);
    assertError(
        api.post(
            "/v1/exports",
            "{\"name\":\"e\",\"_connectionId\":\"" + conn + "\",\"http\":{\"x\":" + deep + "}}"),
        400,
        "invalid_json",
        null);
    assertError(
        api.post(
            "/v1/imports",
            "{\"name\":\"i\",\"_connectionId\":\"" + conn + "\",\"settings\":" + deep + "}"),
        400,
        "invalid_json",
        null);
    // Patches can stack nesting beyond what one body carries: the stored document is bounded too.
    String flow = fx.create("flows", "{\"name\":\"deep\"}");
    String half = "{\"a\":".repeat(150) + "1" + "}".repeat(150);
    assertThat(
            api.patch(
                    "/v1/flows/" + flow,
                    "[{\"op\":\"replace\",\"path\":\"/settings\",\"value\":" + half + "}]")
                .status())
        .isEqualTo(204);
    String at = "/settings" + "/a".repeat(149);
    assertError(
        api.patch(
            "/v1/flows/" + flow,
            "[{\"op\":\"replace\",\"path\":\"" + at + "\",\"value\":" + half + "}]"),
        422,
        "invalid_field",
        null);
    assertThat(fx.get("flows", flow).toString()).hasSizeLessThan(2000);
  }

  @Test
  void invalidJsonPointerEscapesAreRefused() {
    String flow = fx.create("flows", "{\"name\":\"ptr\",\"settings\":{}}");
    assertError(
        api.patch(
            "/v1/flows/" + flow, "[{\"op\":\"replace\",\"path\":\"/settings/~2\",\"value\":1}]"),
        422,
        "invalid_patch_path",
        "/settings/~2");
    assertError(
        api.patch("/v1/flows/" + flow, "[{\"op\":\"add\",\"path\":\"/settings/a~\",\"value\":1}]"),
        422,
        "invalid_patch_path",
        "/settings/a~");
    String tooDeep = "/settings" + "/a".repeat(50_000);
    assertError(
        api.patch(
            "/v1/flows/" + flow, "[{\"op\":\"replace\",\"path\":\"" + tooDeep + "\",\"value\":1}]"),
        422,
        "invalid_patch_path",
        null);
    assertThat(
            api.patch(
                    "/v1/flows/" + flow,
                    "[{\"op\":\"add\",\"path\":\"/settings/a~1b~0\",\"value\":1}]")
                .status())
        .isEqualTo(204);
    assertThat(fx.get("flows", flow).at("/settings/a~1b~0").asInt()).isEqualTo(1);
  }

  @Test
  void wrongShapesOfListsAreFieldProblems() {
    int before = flowCount();
    assertError(
        api.post("/v1/flows", "{\"name\":\"f\",\"pageGenerators\":{\"a\":null}}"),
        422,
        "invalid_field",
        "pageGenerators");
    assertError(
        api.post("/v1/flows", "{\"name\":\"f\",\"aliases\":{\"a\":1}}"),
        422,
        "invalid_field",
        "aliases");
    assertError(
        api.post("/v1/flows", "{\"name\":\"f\",\"_runNextFlowIds\":{\"a\":\"b\"}}"),
        422,
        "invalid_field",
        "_runNextFlowIds");
    assertError(
        api.post("/v1/flows", "{\"name\":\"f\",\"pageProcessors\":{\"a\":null}}"),
        422,
        "invalid_field",
        "pageProcessors");
    assertThat(flowCount()).isEqualTo(before);
  }

  @Test
  void anOversizedErrorsCursorIsAnInvalidQuery() {
    String step = fx.httpExport(fx.httpConnection("cursor"), "source", false);
    String flow =
        fx.create(
            "flows", "{\"name\":\"cursor\",\"pageGenerators\":[{\"_exportId\":\"" + step + "\"}]}");
    ApiClient.Response r =
        api.get("/v1/flows/" + flow + "/" + step + "/errors?after=99999999999999999999999." + step);
    assertError(r, 400, "invalid_query_params", null);
    assertThat(api.get("/v1/flows/" + flow + "/" + step + "/errors?after=1." + step).status())
        .isEqualTo(200);
  }

  @Test
  void tokensThatExpireBeyondYear9999AreRefused() {
    int tokens = api.get("/v1/accesstokens").json().size();
    for (String at :
        new String[] {
          "+999999999-12-31T23:59:59Z", "10000-01-01T00:00:00Z", "99999999999999999999999"
        }) {
      assertError(
          api.post("/v1/accesstokens", "{\"name\":\"t\",\"expiresAt\":\"" + at + "\"}"),
          422,
          "invalid_field",
          "expiresAt");
    }
    assertThat(api.get("/v1/accesstokens").json().size()).isEqualTo(tokens);
    assertThat(
            api.post("/v1/accesstokens", "{\"name\":\"t\",\"expiresAt\":\"2999-01-01T00:00:00Z\"}")
                .status())
        .isEqualTo(201);
  }

  @Test
  void aQueryTimeFarOutOfRangeIsAnInvalidQuery() {
    assertThat(api.get("/v1/jobs?createdAt_gte=%2B999999999-12-31T23:59:59Z").status())
        .isEqualTo(400);
    assertThat(api.get("/v1/audit?from=%2B999999999-12-31T23:59:59Z").status()).isEqualTo(400);
  }

  @Test
  void unsupportedCharsetsAre415() {
    int before = flowCount();
    ApiClient.Response r =
        postRaw("/v1/flows", "application/json; charset=nonsense", utf8("{\"name\":\"x\"}"));
    assertError(r, 415, "unsupported_media_type", null);
    r =
        postRaw(
            "/v1/flows",
            "application/json; charset=UTF-16",
            "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_16));
    assertError(r, 415, "unsupported_media_type", null);
    assertThat(flowCount()).isEqualTo(before);
    r = postRaw("/v1/flows", "application/json; charset=\"UTF-8\"", utf8("{\"name\":\"ü\"}"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("name").asText()).isEqualTo("ü");
  }

  @Test
  void trailingGarbageAndConcatenatedDocumentsAreInvalidJson() {
    int before = flowCount();
    for (String body :
        new String[] {
          "{}{}",
          "{\"name\":\"a\"} x",
          "{\"name\":\"a\"}{\"name\":\"b\"}",
          "{\"name\":\"a\"}]",
          "[] []"
        }) {
      assertError(api.post("/v1/flows", body), 400, "invalid_json", null);
    }
    assertThat(flowCount()).isEqualTo(before);
    assertThat(api.post("/v1/flows", "  {\"name\":\"ws\"} \n ").status()).isEqualTo(201);
  }

  @Test
  void invalidUtf8IsInvalidJson() {
    int before = flowCount();
    byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
    assertError(postRaw("/v1/flows", "application/json", body), 400, "invalid_json", null);
    byte[] overlong = {
      '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}'
    };
    assertError(postRaw("/v1/flows", null, overlong), 400, "invalid_json", null);
    assertThat(flowCount()).isEqualTo(before);
  }

  @Test
  void aFlowCannotChainToItself() {
    String flow = fx.create("flows", "{\"name\":\"self\"}");
    String other = fx.create("flows", "{\"name\":\"other\"}");
    assertError(
        api.put(
            "/v1/flows/" + flow,
            "{\"name\":\"self\",\"_runNextFlowIds\":[\"" + other + "\",\"" + flow + "\"]}"),
        422,
        "invalid_field",
        "_runNextFlowIds[1]");
    assertError(
        api.patch(
            "/v1/flows/" + flow,
            "[{\"op\":\"add\",\"path\":\"/_runNextFlowIds\",\"value\":[\"" + flow + "\"]}]"),
        422,
        "invalid_field",
        "_runNextFlowIds[0]");
    assertThat(fx.get("flows", flow).has("_runNextFlowIds")).isFalse();
    assertThat(
            api.put(
                    "/v1/flows/" + flow,
                    "{\"name\":\"self\",\"_runNextFlowIds\":[\"" + other + "\"]}")
                .status())
        .isEqualTo(200);
  }

  @Test
  void pathsJettyRefusesGetTheErrorEnvelopeToo() {
    for (String path :
        new String[] {"/v1/flows/%00", "/v1/connections/%FF%FE", "/v1/flows/%0A/%FF/errors"}) {
      ApiClient.Response r = api.get(path);
      assertThat(r.status()).as(path + " " + r.body()).isEqualTo(400);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      assertThat(r.errorCode()).as(r.body()).isEqualTo("invalid_request");
    }
    ApiClient.Response put = api.put("/v1/flows/%FF%FE/replaceConnection", "{}");
    assertThat(put.status()).isEqualTo(400);
    assertThat(put.errorCode()).as(put.body()).isEqualTo("invalid_request");
  }

  @Test
  void templateFilesWithOutOfRangeNumbersOrDeepNestingAreInvalidTemplates()
      throws java.io.IOException {
    for (String manifest :
        new String[] {
          "{\"version\":1,\"resources\":[],\"x\":1e99999999999}",
          "{\"version\":1,\"resources\":[],\"x\":" + "[".repeat(900) + "]".repeat(900) + "}",
          "{\"version\":1,\"resources\":[]} {}"
        }) {
      var bytes = new java.io.ByteArrayOutputStream();
      try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
        zip.putNextEntry(new java.util.zip.ZipEntry("manifest.json"));
        zip.write(utf8(manifest));
        zip.closeEntry();
      }
      ApiClient.Response r = api.postBytes("/v1/templates", bytes.toByteArray(), "application/zip");
      assertError(r, 422, "invalid_template", null);
    }
  }
}

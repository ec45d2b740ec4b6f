package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 5: a large value is kept once (in the document), not copied into audit entries.
 */
class AuditValueLimitTest {
  @Test
  void largeTextValuesAreSummarisedInAuditEntries() {
    try (TestServer server = TestServer.start(false)) {
      ApiClient api = server.client();
      String big = "x".repeat(100_000);
      String id =
          api.post("/v1/scripts", Json.object().put("name", "s").put("content", big))
              .json()
              .get("_id")
              .asText();
      assertThat(
              api.put(
                      "/v1/scripts/" + id,
                      Json.object().put("name", "renamed").put("content", big + "y"))
                  .status())
          .isEqualTo(200);
      assertThat(api.get("/v1/scripts/" + id).json().get("content").asText()).hasSize(100_001);
      JsonNode entries = api.get("/v1/scripts/" + id + "/audit").json();
      assertThat(entries.toString())
          .hasSizeLessThan(5_000)
          .doesNotContain("xxxxxxxxxx")
          .contains("(100001 characters, too large for the audit log)")
          .contains("\"newValue\":\"renamed\"");
    }
  }
}

package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tributary pull} and {@code push} against real servers (H2, in-process). */
class PullPushTest {
  private TestServer server;
  private ApiClient api;
  private Fixtures fx;
  private CliRunner cli;
  @TempDir Path tmp;

  // The integration built in setUp, by name.
  private String integrationId;
  private String connectionId;
  private String scriptId;
  private String exportId;
  private String importId;
  private String flowId;
  private String nextFlowId;

  @BeforeEach
  void setUp() {
    server = TestServer.start(false);
    api = server.client();
    fx = new Fixtures(api);
    cli = cliFor(server);
    integrationId =
        fx.create(
            "integrations",
            """
            {"name":"Shop sync","flowGroupings":[{"name":"Orders"},{"name":"Stock"}]}""");
    connectionId = fx.httpConnection("My CRM");
    scriptId =
        fx.create(
            "scripts",
            """
            {"name":"hooks/v1","content":"function preSavePage(o){ return {data: o.data}; }"}""");
    exportId =
        fx.create(
            "exports",
            """
            {"name":"orders","_connectionId":"%s","http":{"method":"GET","relativeURI":"/orders"},
             "hooks":{"preSavePage":{"_scriptId":"%s","function":"preSavePage"}}}"""
                .formatted(connectionId, scriptId));
    importId = fx.httpImport(connectionId, "orders to CRM");
    JsonNode groupings = fx.get("integrations", integrationId).get("flowGroupings");
    nextFlowId =
        fx.create(
            "flows",
            """
            {"name":"After","_integrationId":"%s","pageGenerators":[{"_exportId":"%s"}],
             "_flowGroupingId":"%s"}"""
                .formatted(integrationId, exportId, groupings.get(1).get("_id").asText()));
    flowId =
        fx.create(
            "flows",
            """
            {"name":"Orders: A/B","_integrationId":"%s","pageGenerators":[{"_exportId":"%s"}],
             "pageProcessors":[{"type":"import","_importId":"%s"}],"_runNextFlowIds":["%s"],
             "_flowGroupingId":"%s","schedule":"0 0 2 * * *","timezone":"UTC"}"""
                .formatted(
                    integrationId,
                    exportId,
                    importId,
                    nextFlowId,
                    groupings.get(0).get("_id").asText()));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void pullWritesOneStableFilePerResourceWithNamesAndNoSecrets() throws IOException {
    Path dir = tmp.resolve("shop");
    CliRunner.Outcome pulled = cli.run("pull", integrationId, dir.toString());
    assertThat(pulled.code()).as(pulled.toString()).isZero();

    assertThat(files(dir).keySet())
        .containsExactly(
            "connections/My CRM.json",
            "exports/orders.json",
            "flows/After.json",
            "flows/Orders_ A_B.json",
            "imports/orders to CRM.json",
            "integration.json",
            "scripts/hooks_v1.json");
    JsonNode flow = read(dir.resolve("flows/Orders_ A_B.json"));
    assertThat(Files.readString(dir.resolve("flows/Orders_ A_B.json")))
        .startsWith("{\n  \"_flowGroupingId\": \"flowGrouping:Orders\",\n  \"_integrationId\"")
        .contains("\n  \"name\": \"Orders: A/B\",\n")
        .endsWith("}\n");
    assertThat(flow.get("_integrationId").asText()).isEqualTo("integration:Shop sync");
    assertThat(flow.at("/pageGenerators/0/_exportId").asText()).isEqualTo("export:orders");
    assertThat(flow.at("/pageProcessors/0/_importId").asText()).isEqualTo("import:orders to CRM");
    assertThat(flow.at("/_runNextFlowIds/0").asText()).isEqualTo("flow:After");
    assertThat(flow.get("_flowGroupingId").asText()).isEqualTo("flowGrouping:Orders");
    assertThat(read(dir.resolve("exports/orders.json")).at("/hooks/preSavePage/_scriptId").asText())
        .isEqualTo("script:hooks_v1");
    assertThat(read(dir.resolve("integration.json")).at("/flowGroupings/0").toString())
        .isEqualTo("{\"name\":\"Orders\"}");

    for (var e : files(dir).entrySet()) {
      String text = e.getValue();
      assertThat(text)
          .as(e.getKey())
          .doesNotContain("******", "s3cret", "\"_id\"", "lastModified", "createdAt", "nextRunAt");
      assertThat(text)
          .as(e.getKey())
          .doesNotContain(connectionId, exportId, importId, flowId, scriptId, integrationId);
      assertThat(text)
          .as("pretty, sorted, newline-terminated: " + e.getKey())
          .isEqualTo(io.tributary.cli.Json.canonical(Json.read(text)));
    }
    JsonNode connection = read(dir.resolve("connections/My CRM.json"));
    assertThat(connection.at("/http/auth/basic").toString()).isEqualTo("{\"username\":\"u\"}");

    Map<String, String> before = files(dir);
    assertThat(cli.run("pull", "Shop sync", dir.toString()).code()).isZero();
    assertThat(files(dir)).as("a second pull (by name) gives the same bytes").isEqualTo(before);
  }

  @Test
  void pushRightAfterPullWritesNothing() throws IOException {
    Path dir = tmp.resolve("shop");
    assertThat(cli.run("pull", integrationId, dir.toString()).code()).isZero();
    int auditBefore = auditCount();
    Map<String, String> modified = lastModified();

    CliRunner.Outcome pushed = cli.run("push", dir.toString());

    assertThat(pushed.code()).as(pushed.toString()).isZero();
    assertThat(pushed.out()).contains("0 created, 0 updated, 7 unchanged");
    assertThat(auditCount()).as("no audit entry").isEqualTo(auditBefore);
    assertThat(lastModified()).isEqualTo(modified);
  }

  @Test
  void anEditedFileChangesOnlyItsResourceAndKeepsSecrets() throws IOException {
    Path dir = tmp.resolve("shop");
    assertThat(cli.run("pull", integrationId, dir.toString()).code()).isZero();
    Path connectionFile = dir.resolve("connections/My CRM.json");
    Files.writeString(
        connectionFile,
        Files.readString(connectionFile).replace("\"username\": \"u\"", "\"username\": \"ops\""));
    assertThat(Files.readString(connectionFile)).contains("\"ops\"");
    int auditBefore = auditCount();
    Map<String, String> modified = lastModified();

    CliRunner.Outcome pushed = cli.run("push", dir.toString());

    assertThat(pushed.code()).as(pushed.toString()).isZero();
    assertThat(pushed.out())
        .contains("updated  connections/My CRM.json")
        .contains("0 created, 1 updated, 6 unchanged");
    assertThat(auditCount()).isEqualTo(auditBefore + 1);
    Map<String, String> after = lastModified();
    assertThat(after.get(connectionId)).isNotEqualTo(modified.get(connectionId));
    after.remove(connectionId);
    modified.remove(connectionId);
    assertThat(after).as("every other resource untouched").isEqualTo(modified);
    JsonNode connection = fx.get("connections", connectionId);
    assertThat(connection.at("/http/auth/basic/username").asText()).isEqualTo("ops");
    assertThat(connection.at("/http/auth/basic/password").asText())
        .as("the stored secret is kept")
        .isEqualTo("******");
    assertThat(server.storedDocument(connectionId)).doesNotContain("s3cret");

    Path again = tmp.resolve("again");
    assertThat(cli.run("pull", integrationId, again.toString()).code()).isZero();
    assertThat(files(again)).as("a second pull shows exactly the edit").isEqualTo(files(dir));
  }

  @Test
  void pushIntoAnEmptyServerCreatesEverythingWithReferencesResolved() throws IOException {
    Path dir = tmp.resolve("shop");
    assertThat(cli.run("pull", integrationId, dir.toString()).code()).isZero();
    try (TestServer other = TestServer.start(false)) {
      CliRunner otherCli = cliFor(other);
      CliRunner.Outcome pushed = otherCli.run("push", dir.toString());
      assertThat(pushed.code()).as(pushed.toString()).isZero();
      assertThat(pushed.out()).contains("7 created, 0 updated, 0 unchanged");

      ApiClient api2 = other.client();
      JsonNode integrations = api2.get("/v1/integrations").json();
      assertThat(integrations).hasSize(1);
      String newIntegration = integrations.get(0).get("_id").asText();
      JsonNode flows = api2.get("/v1/integrations/" + newIntegration + "/flows").json();
      JsonNode orders = byName(flows, "Orders: A/B");
      JsonNode after = byName(flows, "After");
      JsonNode export = byName(api2.get("/v1/exports").json(), "orders");
      JsonNode imp = byName(api2.get("/v1/imports").json(), "orders to CRM");
      JsonNode connection = byName(api2.get("/v1/connections").json(), "My CRM");
      JsonNode script = byName(api2.get("/v1/scripts").json(), "hooks/v1");
      assertThat(orders.at("/pageGenerators/0/_exportId").asText())
          .isEqualTo(export.get("_id").asText());
      assertThat(orders.at("/pageProcessors/0/_importId").asText())
          .isEqualTo(imp.get("_id").asText());
      assertThat(orders.at("/_runNextFlowIds/0").asText()).isEqualTo(after.get("_id").asText());
      assertThat(orders.get("_integrationId").asText()).isEqualTo(newIntegration);
      JsonNode grouping =
          api2.get("/v1/integrations/" + newIntegration).json().at("/flowGroupings/0");
      assertThat(grouping.get("name").asText()).isEqualTo("Orders");
      assertThat(orders.get("_flowGroupingId").asText()).isEqualTo(grouping.get("_id").asText());
      assertThat(export.get("_connectionId").asText()).isEqualTo(connection.get("_id").asText());
      assertThat(export.at("/hooks/preSavePage/_scriptId").asText())
          .isEqualTo(script.get("_id").asText());
      assertThat(
              api2.get("/v1/scripts/" + script.get("_id").asText()).json().get("content").asText())
          .contains("preSavePage");

      Path copy = tmp.resolve("copy");
      assertThat(otherCli.run("pull", newIntegration, copy.toString()).code()).isZero();
      assertThat(files(copy)).as("the copy pulls back to the same files").isEqualTo(files(dir));
      CliRunner.Outcome again = otherCli.run("push", dir.toString());
      assertThat(again.out()).as(again.toString()).contains("0 created, 0 updated, 7 unchanged");
    }
  }

  @Test
  void aReferenceToNothingIsRefusedWithTheFileNamed() throws IOException {
    Path dir = tmp.resolve("shop");
    assertThat(cli.run("pull", integrationId, dir.toString()).code()).isZero();
    Path exportFile = dir.resolve("exports/orders.json");
    Files.writeString(
        exportFile, Files.readString(exportFile).replace("connection:My CRM", "connection:Nope"));
    int auditBefore = auditCount();
    CliRunner.Outcome pushed = cli.run("push", dir.toString());
    assertThat(pushed.code()).isEqualTo(2);
    assertThat(pushed.err()).contains("exports/orders.json").contains("connection:Nope");
    assertThat(auditCount()).isEqualTo(auditBefore);
  }

  private static JsonNode byName(JsonNode list, String name) {
    for (JsonNode n : list) if (name.equals(n.path("name").asText())) return n;
    throw new AssertionError("no " + name + " in " + list);
  }

  static CliRunner cliFor(TestServer s) {
    return new CliRunner(
        Map.of("TRIBUTARY_URL", s.client().base(), "TRIBUTARY_TOKEN", TestServer.ADMIN_TOKEN));
  }

  private int auditCount() {
    return api.get("/v1/audit?limit=1000").json().size();
  }

  /** id → lastModified of every resource on the server. */
  private Map<String, String> lastModified() {
    Map<String, String> out = new TreeMap<>();
    for (String type :
        new String[] {"integrations", "connections", "scripts", "exports", "imports", "flows"}) {
      for (JsonNode r : api.get("/v1/" + type).json())
        out.put(r.get("_id").asText(), r.get("lastModified").asText());
    }
    return out;
  }

  private static JsonNode read(Path file) throws IOException {
    return Json.read(Files.readString(file));
  }

  /** Relative path → content of every file under {@code dir}. */
  static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList())
        out.put(dir.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
    }
    return out;
  }
}

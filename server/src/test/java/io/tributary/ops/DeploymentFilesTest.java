package io.tributary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tributary.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Keeps the deployment files (Dockerfile, deploy/compose.yaml, deploy/helm/tributary) honest
 * without Docker or a cluster: they parse, and their ports, environment names, probes, secrets and
 * user agree with one another and with what the code reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentFilesTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private Path root;
  private Set<String> knownEnv;
  private int defaultPort;

  @BeforeAll
  void findRoot() throws IOException {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("Dockerfile"))) p = p.getParent();
    assertThat(p)
        .as("the repository root (with the Dockerfile) above " + Path.of("").toAbsolutePath())
        .isNotNull();
    root = p;
    knownEnv = envNamesTheCodeReads();
    defaultPort = Settings.fromEnv(Map.of()).port();
  }

  /** Every TRIBUTARY_* name the main sources and resources of every module name. */
  private Set<String> envNamesTheCodeReads() throws IOException {
    Pattern name = Pattern.compile("TRIBUTARY_[A-Z_]+");
    Set<String> out = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(f -> f.toString().contains("/src/main/"))
              .filter(f -> !f.toString().contains("/node_modules/"))
              .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".xml"))
              .toList()) {
        Matcher m = name.matcher(Files.readString(f));
        while (m.find()) out.add(m.group());
      }
    }
    assertThat(out).contains("TRIBUTARY_DB_URL", "TRIBUTARY_MASTER_KEY", "TRIBUTARY_PORT");
    return out;
  }

  // ---------------------------------------------------------------- Dockerfile

  private record Instruction(String op, String args) {}

  private record Stage(String image, String name, List<Instruction> body) {
    List<String> all(String op) {
      return body.stream().filter(i -> i.op().equals(op)).map(Instruction::args).toList();
    }
  }

  private List<Stage> dockerStages() throws IOException {
    String text = Files.readString(root.resolve("Dockerfile")).replaceAll("\\\\\\n", " ");
    List<Stage> stages = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) continue;
      String op = l.split("\\s+", 2)[0].toUpperCase();
      String args = l.contains(" ") ? l.substring(l.indexOf(' ') + 1).strip() : "";
      if (op.equals("FROM")) {
        Matcher m =
            Pattern.compile("(\\S+)\\s+AS\\s+(\\S+)", Pattern.CASE_INSENSITIVE).matcher(args);
        assertThat(m.matches()).as("every stage is named: FROM " + args).isTrue();
        stages.add(new Stage(m.group(1), m.group(2), new ArrayList<>()));
      } else {
        assertThat(stages).as(op + " before any FROM").isNotEmpty();
        stages.get(stages.size() - 1).body().add(new Instruction(op, args));
      }
    }
    return stages;
  }

  @Test
  void theDockerfileBuildsOnAJdkAndRunsOnAJreAsANonRootUserWithAHealthCheck() throws IOException {
    List<Stage> stages = dockerStages();
    assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
    Stage build =
        stages.stream()
            .filter(s -> String.join(" ", s.all("RUN")).contains("mvn "))
            .findFirst()
            .orElseThrow();
    assertThat(javaVersion(build.image(), "maven:.*temurin-(\\d+)")).isGreaterThanOrEqualTo(21);
    Stage run = stages.get(stages.size() - 1);
    assertThat(javaVersion(run.image(), "eclipse-temurin:(\\d+)-jre.*")).isGreaterThanOrEqualTo(21);

    // What the build stage copies is what the reactor needs: every module's pom at least.
    String copies = String.join("\n", build.all("COPY"));
    for (String module : modules()) {
      assertThat(copies)
          .as("module " + module)
          .containsPattern(
              "(?m)^("
                  + Pattern.quote(module)
                  + "|"
                  + Pattern.quote(module + "/pom.xml")
                  + "|"
                  + Pattern.quote(module.split("/")[0])
                  + ")\\s");
    }
    String serverJar = "server/target/" + finalName() + ".jar";
    assertThat(String.join(" ", build.all("RUN"))).contains(serverJar);

    List<String> users = run.all("USER");
    assertThat(users).as("the runtime stage sets a user").isNotEmpty();
    String user = users.get(users.size() - 1).split(":")[0];
    assertThat(user).isNotIn("root", "0");

    Map<String, String> env = dockerEnv(run);
    assertThat(knownEnv).containsAll(env.keySet());
    int port = Settings.fromEnv(env).port();
    assertThat(run.all("EXPOSE")).containsExactly(String.valueOf(port));
    assertThat(port).isEqualTo(defaultPort);
    List<String> health = run.all("HEALTHCHECK");
    assertThat(health).hasSize(1);
    assertThat(health.get(0)).contains("http://127.0.0.1:" + port + "/health").contains("CMD ");

    String entry = String.join(" ", run.all("ENTRYPOINT"));
    Matcher jar = Pattern.compile("\"-jar\", \"([^\"]+)\"").matcher(entry);
    assertThat(jar.find()).as(entry).isTrue();
    assertThat(String.join(" ", run.all("COPY")))
        .contains("--from=" + build.name())
        .contains(jar.group(1));
    Matcher aot = Pattern.compile("-XX:AOTCache=([^\"\\s]+)").matcher(entry);
    if (aot.find()) {
      assertThat(String.join(" ", run.all("RUN")))
          .as("the AOT cache is trained in the stage that uses it")
          .contains("-XX:AOTCacheOutput=" + aot.group(1))
          .contains(jar.group(1) + " aot-train");
    }
  }

  private static int javaVersion(String image, String pattern) {
    Matcher m = Pattern.compile(pattern).matcher(image);
    assertThat(m.matches()).as(image + " matches " + pattern).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static Map<String, String> dockerEnv(Stage s) {
    Map<String, String> env = new HashMap<>();
    for (String args : s.all("ENV")) {
      Matcher m = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\\S+)").matcher(args);
      while (m.find()) env.put(m.group(1), m.group(2));
    }
    return env;
  }

  private List<String> modules() throws IOException {
    List<String> out = new ArrayList<>();
    Matcher m =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(Files.readString(root.resolve("pom.xml")));
    while (m.find()) out.add(m.group(1));
    assertThat(out).contains("server");
    return out;
  }

  private String finalName() throws IOException {
    Matcher m =
        Pattern.compile("<finalName>([^<]+)</finalName>")
            .matcher(Files.readString(root.resolve("server/pom.xml")));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  // ---------------------------------------------------------------- compose

  @Test
  void composeRunsTwoNodesOnOnePostgresWithTheSameKey() throws IOException {
    JsonNode compose = YAML.readTree(root.resolve("deploy/compose.yaml").toFile());
    JsonNode services = compose.get("services");
    JsonNode pg = services.get("postgres");
    assertThat(pg.get("image").asText()).startsWith("postgres:");
    JsonNode pgEnv = pg.get("environment");

    List<String> nodes = new ArrayList<>();
    services
        .fieldNames()
        .forEachRemaining(
            n -> {
              if (services.get(n).path("environment").has("TRIBUTARY_DB_URL")) nodes.add(n);
            });
    assertThat(nodes).hasSizeGreaterThanOrEqualTo(2);
    Set<String> dbUrls = new HashSet<>();
    Set<String> keys = new HashSet<>();
    Set<String> hostPorts = new HashSet<>();
    for (String n : nodes) {
      JsonNode node = services.get(n);
      Map<String, String> env = new HashMap<>();
      node.get("environment")
          .fields()
          .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
      assertThat(knownEnv).as(n).containsAll(env.keySet());
      dbUrls.add(env.get("TRIBUTARY_DB_URL"));
      keys.add(env.get("TRIBUTARY_MASTER_KEY"));
      assertThat(env.get("TRIBUTARY_DB_URL"))
          .isEqualTo("jdbc:postgresql://postgres:5432/" + pgEnv.get("POSTGRES_DB").asText());
      assertThat(env.get("TRIBUTARY_DB_USER")).isEqualTo(pgEnv.get("POSTGRES_USER").asText());
      assertThat(env.get("TRIBUTARY_DB_PASSWORD"))
          .isEqualTo(pgEnv.get("POSTGRES_PASSWORD").asText());
      assertThat(env.get("TRIBUTARY_MASTER_KEY"))
          .as("required, never defaulted")
          .startsWith("${TRIBUTARY_MASTER_KEY:?");
      Settings s = Settings.fromEnv(substituted(env));
      assertThat(node.get("depends_on").path("postgres").path("condition").asText())
          .isEqualTo("service_healthy");
      assertThat(node.get("ports")).hasSize(1);
      String[] mapping = node.get("ports").get(0).asText().split(":");
      assertThat(Integer.parseInt(mapping[1]))
          .as(n + " publishes the port it listens on")
          .isEqualTo(s.port());
      hostPorts.add(mapping[0]);
      if (node.has("build")) {
        Path context =
            root.resolve("deploy").resolve(node.get("build").get("context").asText()).normalize();
        assertThat(context.resolve(node.get("build").get("dockerfile").asText())).exists();
      }
    }
    assertThat(dbUrls).as("one database").hasSize(1);
    assertThat(keys).as("one master key").hasSize(1);
    assertThat(hostPorts).as("each node on its own host port").hasSize(nodes.size());
    assertThat(pg.path("healthcheck").path("test").toString()).contains("pg_isready");
  }

  /** Compose's {@code ${NAME:-default}} and {@code ${NAME:?message}} with test values. */
  private static Map<String, String> substituted(Map<String, String> env) {
    Map<String, String> out = new HashMap<>();
    env.forEach(
        (k, v) ->
            out.put(
                k,
                v.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1")
                    .replaceAll("\\$\\{[A-Z_]+:\\?[^}]*}", "set-by-operator")));
    return out;
  }

  // ---------------------------------------------------------------- Helm

  @Test
  void theHelmChartRendersToADeploymentServiceAndSecretThatAgree() throws IOException {
    Path chart = root.resolve("deploy/helm/tributary");
    JsonNode meta = YAML.readTree(chart.resolve("Chart.yaml").toFile());
    assertThat(meta.get("apiVersion").asText()).isEqualTo("v2");
    assertThat(meta.get("name").asText()).isEqualTo("tributary");
    assertThat(meta.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
    ObjectNode values = (ObjectNode) YAML.readTree(chart.resolve("values.yaml").toFile());
    values.put("masterKey", "a master key").put("apiToken", "0123456789abcdef0123456789abcdef");
    ((ObjectNode) values.get("database")).put("password", "pw");

    Map<String, JsonNode> byKind = new HashMap<>();
    try (Stream<Path> templates = Files.list(chart.resolve("templates"))) {
      for (Path t : templates.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        String rendered = HelmLite.render(Files.readString(t), values, "rel", meta);
        JsonNode doc = YAML.readTree(rendered);
        assertThat(doc.path("kind").asText()).as(t.toString()).isNotEmpty();
        byKind.put(doc.get("kind").asText(), doc);
      }
    }
    assertThat(byKind).containsKeys("Deployment", "Service", "Secret");
    JsonNode deployment = byKind.get("Deployment");
    JsonNode service = byKind.get("Service");
    JsonNode secret = byKind.get("Secret");

    JsonNode pod = deployment.at("/spec/template");
    assertThat(deployment.at("/spec/selector/matchLabels")).isEqualTo(pod.at("/metadata/labels"));
    assertThat(service.at("/spec/selector")).isEqualTo(pod.at("/metadata/labels"));
    assertThat(pod.at("/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/spec/securityContext/runAsUser").asText())
        .as("the Dockerfile's user")
        .isEqualTo(dockerStages().get(dockerStages().size() - 1).all("USER").get(0).split(":")[0]);
    JsonNode container = pod.at("/spec/containers/0");
    JsonNode port = container.at("/ports/0");

    Map<String, String> env = new HashMap<>();
    for (JsonNode e : container.get("env")) {
      String name = e.get("name").asText();
      assertThat(knownEnv).as(name).contains(name);
      if (e.has("value")) {
        env.put(name, e.get("value").asText());
      } else {
        JsonNode ref = e.at("/valueFrom/secretKeyRef");
        assertThat(ref.get("name").asText()).isEqualTo(secret.at("/metadata/name").asText());
        JsonNode data = secret.at("/data/" + ref.get("key").asText());
        assertThat(data.isMissingNode()).as("secret key " + ref.get("key")).isFalse();
        env.put(
            name, new String(Base64.getDecoder().decode(data.asText()), StandardCharsets.UTF_8));
      }
    }
    assertThat(env.get("TRIBUTARY_MASTER_KEY")).isEqualTo("a master key");
    assertThat(env.get("TRIBUTARY_DB_PASSWORD")).isEqualTo("pw");
    Settings s = Settings.fromEnv(env);
    assertThat(s.dbUrl()).startsWith("jdbc:postgresql://");
    assertThat(port.get("containerPort").asInt()).isEqualTo(s.port());
    assertThat(service.at("/spec/ports/0/targetPort").asText())
        .isEqualTo(port.get("name").asText());
    for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
      assertThat(container.at("/" + probe + "/httpGet/path").asText())
          .as(probe)
          .isEqualTo("/health");
      assertThat(container.at("/" + probe + "/httpGet/port").asText())
          .as(probe)
          .isEqualTo(port.get("name").asText());
    }
    assertThat(container.get("args").toString()).isEqualTo("[\"serve\"]");
  }

  @Test
  void theChartRefusesToRenderWithoutAMasterKey() throws IOException {
    Path chart = root.resolve("deploy/helm/tributary");
    ObjectNode values = (ObjectNode) YAML.readTree(chart.resolve("values.yaml").toFile());
    String secret = Files.readString(chart.resolve("templates/secret.yaml"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                HelmLite.render(
                    secret, values, "rel", YAML.readTree(chart.resolve("Chart.yaml").toFile())))
        .hasMessageContaining("masterKey is required");
  }

  /**
   * The part of Helm's template language the chart uses: {@code {{ .Values.a.b }}}, {@code
   * .Release.Name}, {@code .Chart.Name}, {@code required "msg" X}, pipes to {@code quote} and
   * {@code b64enc}. Anything else fails, so the chart cannot grow past what this test checks
   * without the test growing too.
   */
  static final class HelmLite {
    private static final Pattern ACTION = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");

    static String render(String template, JsonNode values, String release, JsonNode chart) {
      Matcher m = ACTION.matcher(template);
      StringBuilder out = new StringBuilder();
      while (m.find())
        m.appendReplacement(
            out, Matcher.quoteReplacement(eval(m.group(1), values, release, chart)));
      m.appendTail(out);
      assertThat(out.toString()).doesNotContain("{{");
      return out.toString();
    }

    private static String eval(String expr, JsonNode values, String release, JsonNode chart) {
      String[] pipes = expr.split("\\|");
      List<String> words = words(pipes[0].strip());
      String value;
      if (words.get(0).equals("required")) {
        assertThat(words).hasSize(3);
        value = lookup(words.get(2), values, release, chart);
        if (value == null || value.isEmpty()) throw new IllegalStateException(words.get(1));
      } else {
        assertThat(words).as(expr).hasSize(1);
        value = lookup(words.get(0), values, release, chart);
        if (value == null) throw new IllegalStateException("no value for " + words.get(0));
      }
      for (int i = 1; i < pipes.length; i++) {
        switch (pipes[i].strip()) {
          case "quote" -> value = "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
          case "b64enc" ->
              value = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
          default -> throw new IllegalStateException("unsupported function " + pipes[i]);
        }
      }
      return value;
    }

    private static String lookup(String path, JsonNode values, String release, JsonNode chart) {
      if (path.startsWith("\"")) return path.substring(1, path.length() - 1);
      if (path.equals(".Release.Name")) return release;
      if (path.startsWith(".Chart."))
        return chart.path(path.substring(7, 8).toLowerCase() + path.substring(8)).asText(null);
      assertThat(path).as("a values path").startsWith(".Values.");
      JsonNode n = values;
      for (String part : path.substring(".Values.".length()).split("\\.")) n = n.path(part);
      return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private static List<String> words(String s) {
      List<String> out = new ArrayList<>();
      Matcher m = Pattern.compile("\"[^\"]*\"|\\S+").matcher(s);
      while (m.find()) out.add(m.group());
      return out;
    }
  }
}

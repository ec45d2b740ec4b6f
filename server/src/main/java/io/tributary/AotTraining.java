package io.tributary;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The training run behind the JDK's ahead-of-time cache ({@code ./tributary} runs it under {@code
 * -XX:AOTCacheOutput} when the jar changes): a server starts on a throw-away embedded store,
 * answers the API, and runs a flow (HTTP export, hook script, mapping, HTTP import) against a local
 * source, so the classes a real start and a first run load, link and profile are in the cache.
 */
final class AotTraining {
  private static final String TOKEN = "aot-training-0123456789abcdef01";
  private static final Pattern ID = Pattern.compile("\"_id\"\\s*:\\s*\"([0-9a-f]{24})\"");
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private String base;

  private AotTraining() {}

  static void run() {
    new AotTraining().train();
  }

  private void train() {
    Path dir = tempDir();
    HttpServer source = source();
    App app = null;
    try {
      Settings s =
          new Settings(
              0, "127.0.0.1", dir, null, null, null, null, TOKEN, "aot training", 1000, 300);
      app = App.start(s, Clock.systemUTC());
      base = "http://127.0.0.1:" + app.port();
      exercise("http://127.0.0.1:" + source.getAddress().getPort());
    } finally {
      if (app != null) app.close();
      source.stop(0);
      deleteTree(dir);
    }
  }

  private void exercise(String sourceUrl) {
    call("GET", "/health", null);
    call("GET", "/v1/openapi.json", null);
    call("GET", "/", null);
    String integration = id(call("POST", "/v1/integrations", "{\"name\":\"training\"}"));
    String connection =
        id(
            call(
                "POST",
                "/v1/connections",
                "{\"type\":\"http\",\"name\":\"source\",\"http\":{\"baseURI\":\""
                    + sourceUrl
                    + "\",\"mediaType\":\"json\",\"auth\":{\"type\":\"basic\",\"basic\":"
                    + "{\"username\":\"u\",\"password\":\"p\"}}}}"));
    String script =
        id(
            call(
                "POST",
                "/v1/scripts",
                "{\"name\":\"hooks\",\"content\":\"function preSavePage(o){ return {data:"
                    + " o.data.map(r => ({...r, seen: true}))}; }\"}"));
    String export =
        id(
            call(
                "POST",
                "/v1/exports",
                "{\"name\":\"items\",\"_connectionId\":\""
                    + connection
                    + "\",\"http\":{\"method\":\"GET\",\"relativeURI\":\"/items\",\"response\":"
                    + "{\"resourcePath\":\"items\"}},\"hooks\":{\"preSavePage\":{\"_scriptId\":\""
                    + script
                    + "\",\"function\":\"preSavePage\"}}}"));
    String imp =
        id(
            call(
                "POST",
                "/v1/imports",
                "{\"name\":\"sink\",\"_connectionId\":\""
                    + connection
                    + "\",\"http\":{\"method\":[\"POST\"],\"relativeURI\":[\"/sink\"]},"
                    + "\"mapping\":{\"fields\":[{\"extract\":\"id\",\"generate\":\"key\"},"
                    + "{\"extract\":\"name\",\"generate\":\"label\"}]}}"));
    String flow =
        id(
            call(
                "POST",
                "/v1/flows",
                "{\"name\":\"training\",\"_integrationId\":\""
                    + integration
                    + "\",\"pageGenerators\":[{\"_exportId\":\""
                    + export
                    + "\"}],\"pageProcessors\":[{\"type\":\"import\",\"_importId\":\""
                    + imp
                    + "\"}]}"));
    for (int i = 0; i < 3; i++) {
      String job = call("POST", "/v1/flows/" + flow + "/run?wait=120", "{}");
      if (!job.contains("\"status\":\"completed\"") || !job.contains("\"numError\":0")) {
        throw new IllegalStateException("the training flow did not complete cleanly: " + job);
      }
    }
    call("GET", "/v1/flows", null);
    call("GET", "/v1/flows/" + flow, null);
    call("GET", "/v1/jobs?_flowId=" + flow, null);
    call("GET", "/v1/flows/" + flow + "/errors", null);
    call("GET", "/v1/integrations/" + integration + "/flows", null);
    call(
        "PATCH",
        "/v1/flows/" + flow,
        "[{\"op\":\"replace\",\"path\":\"/disabled\",\"value\":true}]");
    call("GET", "/v1/audit", null);
    call("GET", "/metrics", null);
  }

  private String call(String method, String path, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + TOKEN)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 400) {
        throw new IllegalStateException(
            method + " " + path + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String id(String json) {
    Matcher m = ID.matcher(json);
    if (!m.find()) throw new IllegalStateException("no _id in " + json);
    return m.group(1);
  }

  /** The flow's source and sink: a page of records, and a sink that accepts everything. */
  private static HttpServer source() {
    try {
      HttpServer s =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      StringBuilder items = new StringBuilder("{\"items\":[");
      for (int i = 0; i < 50; i++) {
        if (i > 0) items.append(',');
        items.append("{\"id\":").append(i).append(",\"name\":\"item ").append(i).append("\"}");
      }
      String page = items.append("]}").toString();
      s.createContext("/items", ex -> answer(ex, page));
      s.createContext("/sink", ex -> answer(ex, "{\"ok\":true}"));
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void answer(HttpExchange ex, String json) throws IOException {
    try (ex) {
      ex.getRequestBody().readAllBytes();
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("tributary-aot");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

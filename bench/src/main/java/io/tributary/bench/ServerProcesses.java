package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmarks that start a server (and a reference) in JVMs of their own share. */
final class ServerProcesses {
  private ServerProcesses() {}

  /** The java binary running this benchmark, so that children run on the same JDK. */
  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /**
   * Waits up to 60 s for the server's /health; its log (server.log in {@code data}) says why it
   * exited.
   */
  static void awaitHealth(HttpClient http, String api, Process server, Path data) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (!server.isAlive())
        throw new IllegalStateException(
            "the server exited: " + Files.readString(data.resolve("server.log")));
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create(api + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode()
            == 200) return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("the server did not answer /health within 60 s");
  }

  /** The admin token the benchmarks start their servers with (TRIBUTARY_API_TOKEN). */
  static final String TOKEN = "bench-token-0123456789";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An API call with the benchmark's token; {@code body} null sends none. */
  static JsonNode send(HttpClient http, String api, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api + path))
            .header("Authorization", "Bearer " + TOKEN)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return JSON.readTree(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  /** Creates a resource of {@code type} and answers its id. */
  static String create(HttpClient http, String api, String type, String body) throws Exception {
    JsonNode r = send(http, api, "POST", "/v1/" + type, body);
    if (!r.has("_id")) throw new IllegalStateException("could not create " + type + ": " + r);
    return r.get("_id").asText();
  }

  /** A paged source, a lookup for each record and an import, as {@link HandWritten} does. */
  static String lookupFlow(HttpClient http, String api, String base, String name, int pageSize)
      throws Exception {
    String conn =
        create(
            http,
            api,
            "connections",
            "{\"type\":\"http\",\"name\":\""
                + name
                + "\",\"http\":{\"baseURI\":\""
                + base
                + "\",\"concurrencyLevel\":25}}");
    String source =
        create(
            http,
            api,
            "exports",
            """
        {"name":"customers","_connectionId":"%s","pageSize":%d,"http":{"method":"GET",
         "relativeURI":"/customers?page={{export.http.paging.page}}","paging":{"method":"page"},
         "response":{"resourcePath":"items"}}}"""
                .formatted(conn, pageSize));
    String lookup =
        create(
            http,
            api,
            "exports",
            """
        {"name":"orders","_connectionId":"%s","isLookup":true,"http":{"method":"GET",
         "relativeURI":"/orders?customer={{record.id}}","response":{"resourcePath":"orders"}}}"""
                .formatted(conn));
    String sink =
        create(
            http,
            api,
            "imports",
            """
        {"name":"sink","_connectionId":"%s","http":{"method":["POST"],"relativeURI":["/sink"],
         "response":{"resourceIdPath":["id"]}},
         "mapping":{"fields":[{"extract":"id","generate":"customerId"},{"extract":"name","generate":"fullName"},
                              {"extract":"orders","generate":"orders"}]}}"""
                .formatted(conn));
    return create(
        http,
        api,
        "flows",
        """
        {"name":"%s","pageGenerators":[{"_exportId":"%s"}],"pageProcessors":[
          {"type":"export","_exportId":"%s","responseMapping":{"fields":[{"extract":"data","generate":"orders"}]}},
          {"type":"import","_importId":"%s"}]}"""
            .formatted(name, source, lookup, sink));
  }
}

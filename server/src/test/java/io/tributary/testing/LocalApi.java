package io.tributary.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 playing an external API in tests: routes answer with handlers,
 * and every request is recorded for assertions.
 */
public final class LocalApi implements AutoCloseable {
  public record Request(
      String method,
      String path,
      Map<String, String> query,
      Map<String, List<String>> headers,
      String body) {
    public String header(String name) {
      for (var e : headers.entrySet())
        if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
      return null;
    }

    public String param(String name) {
      return query.get(name);
    }
  }

  public record Response(int status, Map<String, String> headers, String body) {
    public static Response json(int status, String body) {
      return new Response(status, Map.of("Content-Type", "application/json"), body);
    }

    public static Response ok(String body) {
      return json(200, body);
    }
  }

  private final HttpServer server;
  private final Map<String, Function<Request, Response>> routes = new ConcurrentHashMap<>();
  private final List<Request> received = new CopyOnWriteArrayList<>();

  public LocalApi() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers {@code METHOD path} (the path without its query) with the handler. */
  public LocalApi on(String method, String path, Function<Request, Response> handler) {
    routes.put(method + " " + path, handler);
    return this;
  }

  public List<Request> requests(String method, String path) {
    List<Request> out = new ArrayList<>();
    for (Request r : received) if (r.method().equals(method) && r.path().equals(path)) out.add(r);
    return out;
  }

  public List<Request> requests() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Request req =
          new Request(
              ex.getRequestMethod(),
              ex.getRequestURI().getPath(),
              query(ex.getRequestURI().getRawQuery()),
              Map.copyOf(ex.getRequestHeaders()),
              body);
      received.add(req);
      Function<Request, Response> handler = routes.get(req.method() + " " + req.path());
      Response res =
          handler == null ? Response.json(404, "{\"message\":\"no route\"}") : handler.apply(req);
      res.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      byte[] bytes = res.body() == null ? new byte[0] : res.body().getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(res.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) ex.getResponseBody().write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return out;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k =
          java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v =
          eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

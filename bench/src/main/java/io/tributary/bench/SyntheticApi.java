package io.tributary.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local paged source, lookup and sink on 127.0.0.1: {@code GET /customers?page=N} (100 per page
 * unless told), {@code GET /orders?customer=X}, {@code POST /sink}. Both contenders call the same
 * server.
 */
final class SyntheticApi implements AutoCloseable {
  static final int PAGE = 100;
  private final HttpServer server;
  private final int records;
  private final int pageSize;
  final AtomicLong sunk = new AtomicLong();

  SyntheticApi(int records) throws IOException {
    this(records, PAGE);
  }

  /** {@code records} in pages of {@code pageSize}. */
  SyntheticApi(int records, int pageSize) throws IOException {
    this.records = records;
    this.pageSize = pageSize;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/customers", this::customers);
    server.createContext("/orders", this::orders);
    server.createContext("/sink", this::sink);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void customers(HttpExchange ex) throws IOException {
    int page = Integer.parseInt(param(ex, "page"));
    StringBuilder sb = new StringBuilder("{\"items\":[");
    int from = page * pageSize;
    for (int i = from; i < Math.min(records, from + pageSize); i++) {
      if (i > from) sb.append(',');
      sb.append("{\"id\":")
          .append(i)
          .append(",\"name\":\"Customer ")
          .append(i)
          .append("\",\"email\":\"c")
          .append(i)
          .append("@example.com\"}");
    }
    answer(ex, 200, sb.append("]}").toString());
  }

  private void orders(HttpExchange ex) throws IOException {
    String c = param(ex, "customer");
    answer(ex, 200, "{\"orders\":[{\"orderId\":\"" + c + "-1\",\"total\":12.5}]}");
  }

  private void sink(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes();
    answer(ex, 201, "{\"id\":\"" + sunk.incrementAndGet() + "\"}");
  }

  private static String param(HttpExchange ex, String name) {
    for (String p : ex.getRequestURI().getRawQuery().split("&")) {
      if (p.startsWith(name + "=")) return p.substring(name.length() + 1);
    }
    throw new IllegalArgumentException("missing " + name);
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    try (ex) {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(status, b.length);
      ex.getResponseBody().write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

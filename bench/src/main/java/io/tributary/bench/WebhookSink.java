package io.tributary.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webhook benchmark's destination ({@code bench/webhooks}): {@code POST /sink} takes a record
 * or an array of them and keeps their distinct {@code id}s; {@code GET /count} answers how many
 * arrived (distinct, then all). Prints {@code sink listening on PORT} when ready.
 */
public final class WebhookSink {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private final Set<String> ids = ConcurrentHashMap.newKeySet();
  private final AtomicLong all = new AtomicLong();

  public static void main(String[] args) throws IOException {
    WebhookSink sink = new WebhookSink();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/sink", sink::take);
    server.createContext("/count", sink::count);
    server.start();
    System.out.println("sink listening on " + server.getAddress().getPort());
  }

  private void take(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Matcher m = ID.matcher(body);
    while (m.find()) {
      ids.add(m.group(1));
      all.incrementAndGet();
    }
    answer(ex, 201, "{\"id\":\"ok\"}");
  }

  private void count(HttpExchange ex) throws IOException {
    answer(ex, 200, ids.size() + " " + all.get());
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}

package io.tributary.adaptors.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The external API in tests: a real HTTP server on the loopback address that records every request.
 */
final class FakeApi implements AutoCloseable {
  /** A request as the server received it. */
  record Received(String method, String path, String query, Headers headers, String body) {
    String header(String name) {
      return headers.getFirst(name);
    }

    /** Path and query, as a test writes them. */
    String target() {
      return query == null ? path : path + "?" + query;
    }
  }

  /** What the server answers. */
  record Answer(int status, String body, Map<String, String> headers) {
    static Answer json(String body) {
      return new Answer(200, body, Map.of("Content-Type", "application/json"));
    }

    static Answer status(int status, String body) {
      return new Answer(status, body, Map.of());
    }

    Answer with(String header, String value) {
      Map<String, String> h = new java.util.HashMap<>(headers);
      h.put(header, value);
      return new Answer(status, body, h);
    }
  }

  /** A pseudo-header of an {@link Answer}: send the body chunked, without a Content-Length. */
  static final String CHUNKED = "x-test-chunked";

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final Queue<Answer> queued = new ArrayDeque<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Function<Received, Answer> responder = r -> next();

  FakeApi() throws IOException {
    this(InetAddress.getLoopbackAddress());
  }

  /**
   * A server on another loopback address ({@code 127.0.0.2}): another host as far as a guard can
   * tell.
   */
  FakeApi(InetAddress address) throws IOException {
    server = HttpServer.create(new InetSocketAddress(address, 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  String baseUri() {
    return "http://"
        + server.getAddress().getAddress().getHostAddress()
        + ":"
        + server.getAddress().getPort();
  }

  /** Answers every request with {@code responder} (instead of the queue). */
  FakeApi on(Function<Received, Answer> responder) {
    this.responder = responder;
    return this;
  }

  /** Answers the next requests in order. */
  synchronized FakeApi enqueue(Answer... answers) {
    queued.addAll(List.of(answers));
    return this;
  }

  /** An answer that never comes until the server closes: for timeouts. */
  Answer hang() {
    try {
      released.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Answer.status(599, "");
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  synchronized List<String> targets() {
    return received.stream().map(Received::target).toList();
  }

  private synchronized Answer next() {
    Answer a = queued.poll();
    return a != null ? a : Answer.status(500, "{\"message\":\"no answer queued\"}");
  }

  private void handle(HttpExchange ex) throws IOException {
    Received r =
        new Received(
            ex.getRequestMethod(),
            ex.getRequestURI().getRawPath(),
            ex.getRequestURI().getRawQuery(),
            ex.getRequestHeaders(),
            new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    synchronized (this) {
      received.add(r);
    }
    Answer a = responder.apply(r);
    boolean chunked = a.headers().containsKey(CHUNKED);
    a.headers()
        .forEach(
            (k, v) -> {
              if (!k.equals(CHUNKED)) ex.getResponseHeaders().add(k, v);
            });
    byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(a.status(), chunked ? 0 : bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}

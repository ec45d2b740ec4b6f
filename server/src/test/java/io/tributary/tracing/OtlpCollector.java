package io.tributary.tracing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP collector in the test: receives {@code POST /v1/traces} (protobuf), answers 200, and
 * decodes the spans with a small protobuf wire-format reader (the fields of the OTLP trace schema a
 * test looks at: ids, parent, name, kind, attributes; and the resource's attributes).
 */
final class OtlpCollector implements AutoCloseable {
  record CollectedSpan(
      String traceId,
      String spanId,
      String parentId,
      String name,
      int kind,
      Map<String, Object> attributes,
      Map<String, Object> resource) {}

  private final HttpServer server;
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();

  OtlpCollector() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/v1/traces",
        ex -> {
          try (ex) {
            bodies.add(ex.getRequestBody().readAllBytes());
            contentTypes.add(ex.getRequestHeaders().getFirst("Content-Type"));
            ex.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            ex.sendResponseHeaders(200, -1);
          }
        });
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<String> contentTypes() {
    return contentTypes;
  }

  List<CollectedSpan> spans() {
    List<CollectedSpan> out = new ArrayList<>();
    for (byte[] body : bodies) {
      for (Object rs : fields(body).getOrDefault(1, List.of())) {
        Map<Integer, List<Object>> resourceSpans = fields((byte[]) rs);
        Map<String, Object> resource = new HashMap<>();
        for (Object r : resourceSpans.getOrDefault(1, List.of()))
          resource.putAll(attributes(fields((byte[]) r).getOrDefault(1, List.of())));
        for (Object ss : resourceSpans.getOrDefault(2, List.of())) {
          for (Object sp : fields((byte[]) ss).getOrDefault(2, List.of())) {
            Map<Integer, List<Object>> span = fields((byte[]) sp);
            out.add(
                new CollectedSpan(
                    hex(span, 1),
                    hex(span, 2),
                    hex(span, 4),
                    text(span, 5),
                    span.containsKey(6) ? ((Long) span.get(6).get(0)).intValue() : 0,
                    attributes(span.getOrDefault(9, List.of())),
                    resource));
          }
        }
      }
    }
    return out;
  }

  private static Map<String, Object> attributes(List<Object> keyValues) {
    Map<String, Object> out = new HashMap<>();
    for (Object kv : keyValues) {
      Map<Integer, List<Object>> f = fields((byte[]) kv);
      String key = text(f, 1);
      Map<Integer, List<Object>> any = fields((byte[]) f.get(2).get(0));
      if (any.containsKey(1)) out.put(key, text(any, 1));
      else if (any.containsKey(3)) out.put(key, any.get(3).get(0));
      else if (any.containsKey(2)) out.put(key, ((Long) any.get(2).get(0)) != 0);
    }
    return out;
  }

  private static String text(Map<Integer, List<Object>> f, int n) {
    return f.containsKey(n) ? new String((byte[]) f.get(n).get(0), StandardCharsets.UTF_8) : null;
  }

  private static String hex(Map<Integer, List<Object>> f, int n) {
    return f.containsKey(n) && ((byte[]) f.get(n).get(0)).length > 0
        ? HexFormat.of().formatHex((byte[]) f.get(n).get(0))
        : null;
  }

  /** One message's fields: varints and fixed numbers as Long, length-delimited ones as bytes. */
  static Map<Integer, List<Object>> fields(byte[] b) {
    Map<Integer, List<Object>> out = new HashMap<>();
    int[] pos = {0};
    while (pos[0] < b.length) {
      long tag = varint(b, pos);
      int field = (int) (tag >>> 3);
      Object value =
          switch ((int) (tag & 7)) {
            case 0 -> varint(b, pos);
            case 1 -> fixed(b, pos, 8);
            case 5 -> fixed(b, pos, 4);
            case 2 -> {
              int len = (int) varint(b, pos);
              byte[] v = java.util.Arrays.copyOfRange(b, pos[0], pos[0] + len);
              pos[0] += len;
              yield v;
            }
            default -> throw new IllegalStateException("wire type " + (tag & 7));
          };
      out.computeIfAbsent(field, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static long varint(byte[] b, int[] pos) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      byte x = b[pos[0]++];
      v |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) return v;
    }
  }

  private static long fixed(byte[] b, int[] pos, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) v |= (long) (b[pos[0]++] & 0xff) << (8 * i);
    return v;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

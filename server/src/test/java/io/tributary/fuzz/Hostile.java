package io.tributary.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.web.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile request parts from one seeded {@link Random}: junk path segments and query
 * values, mutated JSON bodies (wrong types, huge numbers, deep nesting, trailing garbage, bad
 * UTF-8), odd content types. The same seed gives the same sequence.
 */
final class Hostile {
  /** Path segments that are not ids; already URL-encoded where they need it. */
  static final List<String> JUNK_SEGMENTS =
      List.of(
          "x",
          "000000000000000000000000",
          "ffffffffffffffffffffffff",
          "zzzzzzzzzzzzzzzzzzzzzzzz",
          "0123456789abcdef0123456",
          "0123456789ABCDEF01234567",
          "%00",
          "%2e%2e",
          "..%2F..",
          "a".repeat(300),
          "%F0%9F%92%A9",
          "-1",
          "99999999999999999999",
          "%25",
          "~2",
          "null",
          "undefined",
          "%FF%FE",
          "1e99999999999",
          "flow",
          "integration",
          "latest",
          "%20",
          "%0A");

  /** Query values: junk, bounds, unparseable times and numbers. */
  static final List<String> JUNK_VALUES =
      List.of(
          "",
          "-1",
          "0",
          "1",
          "301",
          "99999999999999999999",
          "1e3",
          "NaN",
          "abc",
          "%2B999999999-12-31T23:59:59Z",
          "10000-01-01",
          "2024-13-45",
          "1.",
          ".1",
          "%00",
          "%FF",
          "true",
          "[]",
          "%7B%7D",
          "000000000000000000000000",
          "99999999999999999999999.0123456789abcdef01234567",
          "1e-2147483649",
          "a".repeat(2000),
          "include,exclude",
          "_id",
          "-",
          "*",
          "%E2%80%AE");

  static final List<String> QUERY_NAMES =
      List.of(
          "after",
          "include",
          "exclude",
          "limit",
          "offset",
          "wait",
          "count",
          "createdAt_gte",
          "createdAt_lte",
          "occurredAt_gte",
          "occurredAt_lte",
          "from",
          "to",
          "_flowId",
          "_exportId",
          "_importId",
          "_integrationId",
          "_flowJobId",
          "_flowId_in",
          "status",
          "type",
          "type_in",
          "source",
          "resourceType",
          "event",
          "action",
          "_resourceId",
          "_byUserId",
          "expires",
          "signature",
          "numError_gte",
          "numExport_lte",
          "x");
  static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json; charset=utf-8",
          "application/json; charset=nonsense",
          "application/json; charset=UTF-16",
          "text/plain",
          "application/zip",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/octet-stream",
          "*/*",
          "");

  /** Raw JSON values spliced into bodies as text, where a tree could not hold them. */
  static final List<String> RAW_VALUES =
      List.of(
          "1e99999999999",
          "1e-2147483649",
          "-1E+2147483648",
          "1e400",
          "0e-99999",
          "123456789012345678901234567890123456789012345678901234567890",
          "1" + "0".repeat(500),
          "NaN",
          "Infinity",
          "-0",
          "\"\\ud800\"",
          "\"\\u0000\"",
          "\"" + "\\\\".repeat(50) + "\"",
          "[".repeat(300) + "]".repeat(300),
          "{\"a\":".repeat(250) + "1" + "}".repeat(250),
          "\"{{#each this}}{{/each}}\"",
          "true",
          "null",
          "[]",
          "{}");

  private final Random random;

  Hostile(long seed) {
    this.random = new Random(seed);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  /** A body for a request: mostly a mutated valid document, sometimes raw text or bytes. */
  byte[] body(List<JsonNode> valid) {
    if (valid.isEmpty() || chance(0.1)) return rawJunk();
    JsonNode doc = valid.get(random.nextInt(valid.size())).deepCopy();
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) doc = mutate(doc);
    String text = Json.write(doc);
    if (chance(0.25)) text = spliceRaw(text);
    if (chance(0.1)) return textMutation(text);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A template zip, as uploaded or with some bytes flipped or cut. */
  byte[] zip(byte[] valid) {
    if (chance(0.3)) return valid;
    if (chance(0.3)) return java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
    for (int i = 0; i < 1 + random.nextInt(8); i++)
      valid[random.nextInt(valid.length)] = (byte) random.nextInt(256);
    return valid;
  }

  private byte[] rawJunk() {
    String s =
        switch (random.nextInt(10)) {
          case 0 -> "";
          case 1 -> "{}{}";
          case 2 -> "{} x";
          case 3 -> "[".repeat(5000);
          case 4 -> "{\"a\":" + pick(RAW_VALUES) + "}";
          case 5 -> pick(RAW_VALUES);
          case 6 -> "\uFEFF{}";
          case 7 -> "{\"a\":1,\"a\":2}";
          case 8 -> "{'a':1}";
          default -> "\"just a string\"";
        };
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return chance(0.2) ? withBadUtf8(b) : b;
  }

  private byte[] textMutation(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return switch (random.nextInt(4)) {
      case 0 ->
          (text + pick(List.of("x", "{}", "]", " 1", "\u0000"))).getBytes(StandardCharsets.UTF_8);
      case 1 -> java.util.Arrays.copyOf(b, random.nextInt(Math.max(1, b.length)));
      case 2 -> withBadUtf8(b);
      default -> (text + text).getBytes(StandardCharsets.UTF_8);
    };
  }

  private byte[] withBadUtf8(byte[] b) {
    byte[] out = java.util.Arrays.copyOf(b, b.length + 2);
    int at = b.length == 0 ? 0 : random.nextInt(b.length);
    System.arraycopy(b, at, out, at + 2, b.length - at);
    out[at] = (byte) pick(List.of(0xff, 0xc0, 0xed, 0x80)).intValue();
    out[at + 1] = (byte) pick(List.of(0xfe, 0xaf, 0xa0, 0x28)).intValue();
    return out;
  }

  /** Replaces one JSON value in the text by a raw hostile literal (numbers a tree cannot hold). */
  private String spliceRaw(String text) {
    int colon = text.indexOf(':', random.nextInt(Math.max(1, text.length())));
    if (colon < 0) return text;
    int end = colon + 1;
    if (end < text.length() && text.charAt(end) == '"') {
      int close = text.indexOf('"', end + 1);
      if (close < 0) return text;
      end = close + 1;
    } else {
      while (end < text.length() && "-0123456789.eE+truefalsn".indexOf(text.charAt(end)) >= 0)
        end++;
    }
    return text.substring(0, colon + 1) + pick(RAW_VALUES) + text.substring(end);
  }

  /** One structural change somewhere in the tree. */
  JsonNode mutate(JsonNode root) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers, 0);
    if (containers.isEmpty()) return hostileValue();
    JsonNode c = pick(containers);
    if (c instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      if (names.isEmpty() || chance(0.2))
        o.set(
            pick(List.of("x", "_id", "_connectionId", "errorsIds", "__proto__", "")),
            hostileValue());
      else if (chance(0.2)) o.remove(pick(names));
      else o.set(pick(names), hostileValue());
    } else if (c instanceof ArrayNode a) {
      if (a.isEmpty() || chance(0.3)) a.add(hostileValue());
      else a.set(random.nextInt(a.size()), hostileValue());
    }
    return root;
  }

  private void collect(JsonNode n, List<JsonNode> out, int depth) {
    if (!n.isContainerNode() || depth > 20) return;
    out.add(n);
    for (JsonNode child : n) collect(child, out, depth + 1);
  }

  JsonNode hostileValue() {
    return switch (random.nextInt(14)) {
      case 0 -> Json.MAPPER.nullNode();
      case 1 -> Json.MAPPER.getNodeFactory().textNode("");
      case 2 ->
          Json.MAPPER.getNodeFactory().textNode("x".repeat(random.nextInt(3) == 0 ? 100_000 : 10));
      case 3 -> Json.MAPPER.getNodeFactory().numberNode(new BigDecimal("1e300"));
      case 4 -> Json.MAPPER.getNodeFactory().numberNode(-1);
      case 5 -> Json.MAPPER.getNodeFactory().numberNode(2_000_000_000L);
      case 6 -> Json.MAPPER.getNodeFactory().numberNode(new BigDecimal("0.5"));
      case 7 -> Json.MAPPER.getNodeFactory().booleanNode(true);
      case 8 -> Json.object().put("a", "b").set("c", Json.MAPPER.createArrayNode().add(1));
      case 9 -> Json.MAPPER.createArrayNode().add("x").addNull();
      case 10 -> Json.MAPPER.getNodeFactory().textNode("{{#each}}{{/if}}{{lookup ../../..}}");
      case 11 -> Json.MAPPER.getNodeFactory().textNode("0123456789abcdef01234567");
      case 12 -> nested(random.nextInt(2) == 0 ? 150 : 199);
      default -> Json.MAPPER.getNodeFactory().textNode("\u202e\ud83d\udca9\u0000'\";--");
    };
  }

  private static JsonNode nested(int depth) {
    JsonNode n = Json.MAPPER.getNodeFactory().numberNode(1);
    for (int i = 0; i < depth; i++) n = Json.MAPPER.createArrayNode().add(n);
    return n;
  }
}

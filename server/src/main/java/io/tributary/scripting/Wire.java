package io.tributary.scripting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** {@link Answer}s as worker protocol JSON, and back. */
final class Wire {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Wire() {}

  static ObjectNode toJson(Answer a) {
    ObjectNode n = JSON.createObjectNode();
    if (a.code() != null) n.put("code", a.code()).put("message", a.message());
    else n.put("json", a.json());
    ArrayNode logs = n.putArray("logs");
    for (LogLine l : a.logs())
      logs.addObject().put("time", l.time()).put("level", l.level()).put("message", l.message());
    return n;
  }

  static Answer fromJson(JsonNode n) {
    List<LogLine> logs = new ArrayList<>();
    for (JsonNode l : n.path("logs"))
      logs.add(
          new LogLine(
              l.path("time").asLong(), l.path("level").asText(), l.path("message").asText()));
    return n.hasNonNull("code")
        ? Answer.failed(n.get("code").asText(), n.path("message").asText(), logs)
        : Answer.ok(n.path("json").asText("null"), logs);
  }
}

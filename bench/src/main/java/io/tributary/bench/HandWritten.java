package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The reference: a plain Java program making the same calls as the flow, one record at a time. */
final class HandWritten {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  HandWritten(String base) {
    this.base = base;
  }

  /** Reads every page, looks each record up, maps it and posts it; answers the records moved. */
  long move() throws Exception {
    long moved = 0;
    for (int page = 0; ; page++) {
      JsonNode items = get("/customers?page=" + page).get("items");
      if (items.isEmpty()) return moved;
      for (JsonNode c : items) {
        JsonNode orders = get("/orders?customer=" + c.get("id").asText()).get("orders");
        ObjectNode out = JSON.createObjectNode();
        out.put("customerId", c.get("id").asLong());
        out.put("fullName", c.get("name").asText());
        out.set("orders", orders);
        post("/sink", out.toString());
        moved++;
      }
    }
  }

  /**
   * Reads every page and posts the records in batches of {@code batch}; answers the records moved.
   */
  long moveBatched(int batch) throws Exception {
    long moved = 0;
    var pending = JSON.createArrayNode();
    for (int page = 0; ; page++) {
      JsonNode items = get("/customers?page=" + page).get("items");
      for (JsonNode c : items) {
        pending.add(c);
        if (pending.size() == batch) {
          post("/sink", pending.toString());
          moved += pending.size();
          pending.removeAll();
        }
      }
      if (items.isEmpty()) break;
    }
    if (!pending.isEmpty()) {
      post("/sink", pending.toString());
      moved += pending.size();
    }
    return moved;
  }

  JsonNode get(String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  void post(String path, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) throw new IllegalStateException("sink answered " + r.statusCode());
  }
}

package io.tributary.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tributary.testing.LocalApi;
import io.tributary.testing.LocalApi.Response;
import io.tributary.web.Json;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The other end of the browser-built flow, on the local API: {@code GET /records} answers ten
 * records, two of them (ids 3 and 8) with an email that is not an address; {@code POST /sink}
 * answers 422 for those and keeps the others. Records from id 6 on wait at the sink until {@link
 * #release()}, so the test sees the first page's counts while the job still runs.
 */
final class Sink {
  static final int RECORDS = 10;
  private final List<JsonNode> arrived = new CopyOnWriteArrayList<>();
  private final CountDownLatch held = new CountDownLatch(1);

  Sink(LocalApi remote) {
    remote.on("GET", "/records", r -> Response.ok(records().toString()));
    remote.on("POST", "/sink", r -> receive(Json.read(r.body())));
  }

  private static JsonNode records() {
    ArrayNode items = Json.MAPPER.createArrayNode();
    for (int i = 1; i <= RECORDS; i++) {
      String email =
          i == 3 || i == 8 ? "customer" + i + "-at-example.com" : "c" + i + "@example.com";
      items.addObject().put("id", i).put("name", "Customer " + i).put("email", email);
    }
    return Json.object().set("records", items);
  }

  private Response receive(JsonNode rec) {
    if (rec.path("id").asInt() >= 6) {
      try {
        if (!held.await(90, TimeUnit.SECONDS)) return Response.json(503, "{\"message\":\"held\"}");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Response.json(503, "{\"message\":\"interrupted\"}");
      }
    }
    String email = rec.path("email").asText("");
    if (!email.contains("@")) {
      return Response.json(
          422,
          "{\"errors\":[{\"code\":\"invalid_email\",\"message\":\"email is not an address: "
              + email
              + "\"}]}");
    }
    arrived.add(rec);
    return Response.json(201, "{\"id\":\"s" + rec.path("id").asText() + "\"}");
  }

  void release() {
    held.countDown();
  }

  List<JsonNode> arrived() {
    return List.copyOf(arrived);
  }
}

package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.RecordError;
import io.tributary.adaptors.SubmitResult;
import io.tributary.adaptors.json.Json;
import io.tributary.adaptors.json.JsonPaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An import: a request per record, or per {@code batchSize} records. Every record of a batch shares
 * its request's outcome. A rejected record is a 422 result carrying the target's message; only
 * refused credentials and cancellation end the whole call.
 */
final class HttpImport {
  private static final String SOURCE = "application";

  private final Session session;
  private final ObjectNode importDoc;
  private final HttpBlock block;
  private final Endpoint endpoint;
  private final int batchSize;

  HttpImport(Session session, ObjectNode importDoc) {
    this.session = session;
    this.importDoc = importDoc;
    this.block = HttpBlock.of(importDoc, "POST");
    this.endpoint = block.endpoint();
    this.batchSize = Math.max(1, block.node().path("batchSize").asInt(1));
  }

  List<SubmitResult> run(List<JsonNode> records) {
    List<SubmitResult> results = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i += batchSize) {
      results.addAll(submit(records.subList(i, Math.min(records.size(), i + batchSize))));
    }
    return results;
  }

  private List<SubmitResult> submit(List<JsonNode> batch) {
    try {
      ObjectNode context = TemplateContexts.importBatch(session.context(), importDoc, batch);
      // Without a template the target gets the records themselves: one object, or an array when
      // batching.
      String body =
          endpoint.body() != null
              ? session.requests().render(endpoint.body(), context, "body")
              : Json.write(batchSize > 1 ? TemplateContexts.array(batch) : batch.get(0));
      HttpCall call = session.requests().build(endpoint, context, body);
      HttpReply reply = session.send(call);
      JsonNode json = parsed(reply);
      if (!reply.ok())
        return same(batch, SubmitResult.failure(422, Failures.recordError(reply, SOURCE), json));
      Optional<String> problem = json == null ? Optional.empty() : block.check().problem(json);
      if (problem.isPresent()) {
        RecordError error =
            RecordError.of(
                "unsuccessful_response",
                call.describe() + " failed: " + problem.get() + ".",
                SOURCE);
        return same(batch, SubmitResult.failure(422, error, json));
      }
      return successes(batch, json);
    } catch (AdaptorException e) {
      return same(batch, SubmitResult.failure(422, Failures.recordError(e, SOURCE), null));
    }
  }

  /**
   * One result per record; in a batched import an id array as long as the batch gives each record
   * its own id.
   */
  private List<SubmitResult> successes(List<JsonNode> batch, JsonNode json) {
    String idPath = block.resourceIdPath();
    JsonNode ids = idPath == null || json == null ? null : JsonPaths.get(json, idPath);
    boolean perRecord = batchSize > 1 && ids != null && ids.isArray() && ids.size() == batch.size();
    List<SubmitResult> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      JsonNode id = perRecord ? ids.get(i) : ids;
      out.add(SubmitResult.success(id == null || id.isNull() ? null : JsonValues.text(id), json));
    }
    return out;
  }

  private static List<SubmitResult> same(List<JsonNode> batch, SubmitResult result) {
    return Collections.nCopies(batch.size(), result);
  }

  /**
   * The answer as {@code _json}: its JSON, {@code {"body": text}} when it is not JSON, null when
   * empty.
   */
  private static JsonNode parsed(HttpReply reply) {
    if (reply.body().isBlank()) return null;
    try {
      return Json.MAPPER.readTree(reply.body());
    } catch (IOException e) {
      return Json.object().put("body", reply.body());
    }
  }
}

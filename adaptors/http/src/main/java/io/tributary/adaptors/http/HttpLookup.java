package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.LookupResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A lookup: one request per record of the page, rendered with the record. A failed request is that
 * record's error; only refused credentials and cancellation end the whole call.
 */
final class HttpLookup {
  private static final String SOURCE = "lookup";

  private final Session session;
  private final ObjectNode export;
  private final HttpBlock block;

  HttpLookup(Session session, ObjectNode export) {
    this.session = session;
    this.export = export;
    this.block = HttpBlock.of(export, "GET");
  }

  List<LookupResult> run(List<ObjectNode> records) {
    ArrayNode page = TemplateContexts.array(records);
    List<LookupResult> results = new ArrayList<>(records.size());
    for (ObjectNode record : records) results.add(one(record, page));
    return results;
  }

  private LookupResult one(ObjectNode record, ArrayNode page) {
    try {
      HttpCall call =
          session
              .requests()
              .build(
                  block.endpoint(),
                  TemplateContexts.lookup(session.context(), export, record, page));
      HttpReply reply = session.send(call);
      if (!reply.ok())
        return new LookupResult(List.of(), List.of(Failures.recordError(reply, SOURCE)));
      JsonNode body = ResponseReader.json(reply);
      ResponseReader.check(block.check(), body, call);
      return new LookupResult(ResponseReader.records(body, block.resourcePath(), call), List.of());
    } catch (AdaptorException e) {
      return new LookupResult(List.of(), List.of(Failures.recordError(e, SOURCE)));
    }
  }
}

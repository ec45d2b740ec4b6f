package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.StepContext;
import io.tributary.adaptors.json.Json;
import java.util.List;

/** The template roots each kind of request sees, on top of the step's shared context. */
final class TemplateContexts {
  private TemplateContexts() {}

  /**
   * An export page: {@code export} is the export with {@code http.paging.page/skip/token} set to
   * the current state (D20).
   */
  static ObjectNode export(StepContext c, ObjectNode export, PagingVars vars) {
    ObjectNode ctx = c.templateContext().deepCopy();
    ObjectNode doc = export.deepCopy();
    ObjectNode paging = doc.withObjectProperty("http").withObjectProperty("paging");
    paging.put("page", vars.page());
    paging.put("skip", vars.skip());
    paging.put("token", vars.token());
    ctx.set("export", doc);
    return ctx;
  }

  /**
   * One lookup request. integrator.io spreads the record's fields at the top level (the lookup
   * context of AFE 1.0); the shared roots, {@code record} and {@code data} are set after them so a
   * field that happens to share a root's name cannot hide it.
   */
  static ObjectNode lookup(StepContext c, ObjectNode export, JsonNode record, ArrayNode page) {
    ObjectNode ctx = Json.object();
    if (record.isObject()) ctx.setAll((ObjectNode) record);
    ctx.setAll(c.templateContext());
    ctx.set("export", export);
    ctx.set("record", record);
    ctx.set("data", page);
    return ctx;
  }

  /**
   * One import request: {@code data} is its batch (one record without batching), {@code record} the
   * first.
   */
  static ObjectNode importBatch(StepContext c, ObjectNode importDoc, List<JsonNode> batch) {
    ObjectNode ctx = c.templateContext().deepCopy();
    ctx.set("import", importDoc);
    ctx.set("record", batch.get(0));
    ctx.set("data", array(batch));
    return ctx;
  }

  static ArrayNode array(List<? extends JsonNode> records) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    records.forEach(a::add);
    return a;
  }
}

package io.tributary.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Ids;
import io.tributary.web.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Uploaded templates: the manifest and the resources, as read and checked. */
final class TemplateStore {
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;

  TemplateStore(Jdbi jdbi, Ids ids, Clock clock) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
  }

  String save(Template t) {
    String id = ids.next();
    ArrayNode resources = Json.MAPPER.createArrayNode();
    for (Template.Resource r : t.resources()) resources.addObject().put("model", r.model()).put("_id", r.id()).set("doc", r.doc());
    jdbi.useHandle(h -> h.createUpdate("insert into templates (id, created_at, manifest, resources) values (:id, :at, :m, :r)")
        .bind("id", id).bind("at", clock.millis()).bind("m", Json.write(t.manifest())).bind("r", Json.write(resources)).execute());
    return id;
  }

  Optional<Template> get(String id) {
    return jdbi.withHandle(h -> h.createQuery("select manifest, resources from templates where id = :id").bind("id", id)
        .map((rs, ctx) -> {
          List<Template.Resource> list = new ArrayList<>();
          for (JsonNode r : Json.read(rs.getString(2))) {
            list.add(new Template.Resource(r.get("model").asText(), r.get("_id").asText(), (ObjectNode) r.get("doc")));
          }
          return new Template((ObjectNode) Json.read(rs.getString(1)), list);
        }).findOne());
  }
}

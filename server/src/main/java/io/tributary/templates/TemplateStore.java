package io.tributary.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Ids;
import io.tributary.core.Problem;
import io.tributary.core.Times;
import io.tributary.web.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Uploaded templates: the manifest and the resources, as read and checked. What uploads may store
 * is capped (per template, and in count and bytes for all of them), so that a token holder cannot
 * fill the disk; templates are listed and deleted to make room.
 */
final class TemplateStore {
  /** What uploads may store: bytes of one stored template, number of templates, bytes of all. */
  record Limits(long templateBytes, int count, long totalBytes) {
    static final Limits DEFAULT = new Limits(10L * 1024 * 1024, 100, 200L * 1024 * 1024);
  }

  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;
  private final Limits limits;

  TemplateStore(Jdbi jdbi, Ids ids, Clock clock, Limits limits) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
    this.limits = limits;
  }

  String save(Template t) {
    ArrayNode resources = Json.MAPPER.createArrayNode();
    for (Template.Resource r : t.resources())
      resources.addObject().put("model", r.model()).put("_id", r.id()).set("doc", r.doc());
    String manifest = Json.write(t.manifest());
    String stored = Json.write(resources);
    long bytes = utf8Length(manifest) + utf8Length(stored);
    if (bytes > limits.templateBytes()) {
      throw new Problem.TooLarge(
          "The template stores "
              + bytes
              + " bytes; at most "
              + limits.templateBytes()
              + " are allowed.");
    }
    String id = ids.next();
    jdbi.useTransaction(
        h -> {
          Usage used =
              h.createQuery(
                      "select count(*), coalesce(sum(octet_length(manifest) + octet_length(resources)), 0) from templates")
                  .map((rs, ctx) -> new Usage(rs.getInt(1), rs.getLong(2)))
                  .one();
          if (used.count() + 1 > limits.count() || used.bytes() + bytes > limits.totalBytes()) {
            throw new Problem.Conflict(
                "template_limit_reached",
                "Uploaded templates may number "
                    + limits.count()
                    + " and store "
                    + limits.totalBytes()
                    + " bytes in all (now "
                    + used.count()
                    + " storing "
                    + used.bytes()
                    + "); delete some with DELETE /v1/templates/:id.");
          }
          h.createUpdate(
                  "insert into templates (id, created_at, manifest, resources) values (:id, :at, :m, :r)")
              .bind("id", id)
              .bind("at", clock.millis())
              .bind("m", manifest)
              .bind("r", stored)
              .execute();
        });
    return id;
  }

  private record Usage(int count, long bytes) {}

  /** Every uploaded template, oldest first: its id, upload time, manifest and stored size. */
  List<ObjectNode> list() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
            select id, created_at, manifest, octet_length(manifest) + octet_length(resources) from templates order by id""")
                .map(
                    (rs, ctx) -> {
                      ObjectNode out =
                          Json.object()
                              .put("_id", rs.getString(1))
                              .put("createdAt", Times.iso(rs.getLong(2)));
                      out.set("manifest", Json.read(rs.getString(3)));
                      return out.put("bytes", rs.getLong(4));
                    })
                .list());
  }

  /** Deletes an uploaded template; false when there was none. */
  boolean delete(String id) {
    return jdbi.withHandle(
            h -> h.createUpdate("delete from templates where id = :id").bind("id", id).execute())
        > 0;
  }

  Optional<Template> get(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select manifest, resources from templates where id = :id")
                .bind("id", id)
                .map(
                    (rs, ctx) -> {
                      List<Template.Resource> list = new ArrayList<>();
                      for (JsonNode r : Json.read(rs.getString(2))) {
                        list.add(
                            new Template.Resource(
                                r.get("model").asText(),
                                r.get("_id").asText(),
                                (ObjectNode) r.get("doc")));
                      }
                      return new Template((ObjectNode) Json.read(rs.getString(1)), list);
                    })
                .findOne());
  }

  private static long utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}

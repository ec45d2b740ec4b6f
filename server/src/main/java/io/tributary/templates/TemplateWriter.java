package io.tributary.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Problem;
import io.tributary.flowops.FlowParts;
import io.tributary.flowops.Kinds;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.StoredDoc;
import io.tributary.secrets.Secrets;
import io.tributary.web.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a flow, or an integration with all its flows, as a template zip: {@code manifest.json},
 * {@code integration.json} and one file per resource under {@code flows/}, {@code exports/}, {@code
 * imports/}, {@code scripts/}, {@code connections/}. No secret leaves the server.
 */
final class TemplateWriter {
  private final ResourceService resources;
  private final Kinds k;

  TemplateWriter(ResourceService resources, Kinds kinds) {
    this.resources = resources;
    this.k = kinds;
  }

  byte[] flow(String flowId) {
    return resources.inTransaction(
        tx -> {
          StoredDoc flow = tx.find(k.flows(), flowId).orElseThrow(() -> Problem.notFound("Flow"));
          Map<String, Entry> entries = new LinkedHashMap<>();
          String integration = flow.integrationId();
          if (integration != null)
            tx.find(k.integrations(), integration)
                .ifPresent(d -> entries.put(d.id(), entry(k.integrations(), d)));
          addFlow(tx, flow, entries);
          return zip(entries, "flow", flowId);
        });
  }

  byte[] integration(String integrationId) {
    List<String> flowIds = new ArrayList<>();
    resources
        .list(
            k.flows(),
            "integration_id = :iid",
            Map.of("iid", integrationId),
            null,
            100_000,
            "_id",
            null)
        .items()
        .forEach(f -> flowIds.add(f.get("_id").asText()));
    return resources.inTransaction(
        tx -> {
          StoredDoc integration =
              tx.find(k.integrations(), integrationId)
                  .orElseThrow(() -> Problem.notFound("Integration"));
          Map<String, Entry> entries = new LinkedHashMap<>();
          entries.put(integration.id(), entry(k.integrations(), integration));
          for (String id : flowIds) tx.find(k.flows(), id).ifPresent(f -> addFlow(tx, f, entries));
          return zip(entries, "integration", integrationId);
        });
  }

  private record Entry(ResourceType type, String id, ObjectNode doc) {}

  private void addFlow(ResourceService.Tx tx, StoredDoc flow, Map<String, Entry> entries) {
    entries.put(flow.id(), entry(k.flows(), flow));
    FlowParts parts = FlowParts.of(tx, flow.id());
    for (String id : parts.connections())
      tx.find(k.connections(), id)
          .ifPresent(d -> entries.putIfAbsent(id, entry(k.connections(), d)));
    for (String id : parts.scripts())
      tx.find(k.scripts(), id).ifPresent(d -> entries.putIfAbsent(id, entry(k.scripts(), d)));
    for (String id : parts.exports())
      tx.find(k.exports(), id).ifPresent(d -> entries.putIfAbsent(id, entry(k.exports(), d)));
    for (String id : parts.imports())
      tx.find(k.imports(), id).ifPresent(d -> entries.putIfAbsent(id, entry(k.imports(), d)));
  }

  private static Entry entry(ResourceType t, StoredDoc d) {
    ObjectNode doc = Json.object().put("_id", d.id());
    doc.setAll(stripSecrets(Secrets.masked(d.body(), t.secrets())));
    return new Entry(t, d.id(), doc);
  }

  /** Masked secrets are left out altogether: the installer supplies its own credentials. */
  private static ObjectNode stripSecrets(ObjectNode doc) {
    List<String> masked = new ArrayList<>();
    doc.fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              if (v.isTextual() && Secrets.MASK.equals(v.asText())) masked.add(e.getKey());
              else if (v instanceof ObjectNode o) stripSecrets(o);
              else if (v instanceof ArrayNode a)
                a.forEach(
                    x -> {
                      if (x instanceof ObjectNode o) stripSecrets(o);
                    });
            });
    doc.remove(masked);
    return doc;
  }

  private byte[] zip(Map<String, Entry> entries, String kind, String rootId) {
    // A template is self-contained: links to flows it does not carry are dropped.
    Set<String> carried = entries.keySet();
    for (Entry e : entries.values()) {
      if (e.type() != k.flows()) continue;
      if (e.doc().get("_runNextFlowIds") instanceof ArrayNode next)
        next.removeIf(n -> !carried.contains(n.asText()));
      if (e.doc().get("aliases") instanceof ArrayNode aliases) {
        aliases.removeIf(
            a -> a.hasNonNull("_flowId") && !carried.contains(a.get("_flowId").asText()));
      }
    }
    ObjectNode manifest = Json.object().put("version", 1).put("kind", kind).put("_rootId", rootId);
    ArrayNode list = manifest.putArray("resources");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Entry e : entries.values()) {
        String path = path(e);
        list.addObject()
            .put("model", e.type().label())
            .put("_id", e.id())
            .put("name", e.doc().path("name").asText(""))
            .put("path", path);
        put(zip, path, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(e.doc()));
      }
      put(
          zip,
          "manifest.json",
          Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private String path(Entry e) {
    if (e.type() == k.integrations()) return "integration.json";
    String slug =
        e.doc().path("name").asText("").replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "");
    return e.type().path() + "/" + (slug.isEmpty() ? "" : slug + "-") + e.id() + ".json";
  }

  private static void put(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}

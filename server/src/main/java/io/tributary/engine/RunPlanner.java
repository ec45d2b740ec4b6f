package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Adaptor;
import io.tributary.adaptors.AdaptorRegistry;
import io.tributary.core.Times;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.StoredDoc;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Loads and checks everything a flow job needs before the first request goes out. */
final class RunPlanner {
  /** Why a job cannot start: it fails with this message. */
  static final class PlanException extends RuntimeException {
    PlanException(String message) {
      super(message);
    }
  }

  private final ResourceService resources;
  private final ResourceType flows;
  private final ResourceType exports;
  private final ResourceType imports;
  private final ResourceType connections;
  private final ResourceType integrations;
  private final AdaptorRegistry adaptors;

  RunPlanner(
      ResourceService resources,
      ResourceType flows,
      ResourceType exports,
      ResourceType imports,
      ResourceType connections,
      ResourceType integrations,
      AdaptorRegistry adaptors) {
    this.resources = resources;
    this.flows = flows;
    this.exports = exports;
    this.imports = imports;
    this.connections = connections;
    this.integrations = integrations;
    this.adaptors = adaptors;
  }

  RunPlan plan(String flowId, Set<String> onlyExports) {
    ObjectNode flow = load(flows, flowId, "flow");
    if (flow.hasNonNull("routers")) {
      throw new PlanException(
          "This flow uses routers (branching), which this version of the engine does not run yet.");
    }
    ObjectNode integration =
        flow.hasNonNull("_integrationId")
            ? resources
                .find(integrations, flow.get("_integrationId").asText())
                .map(StoredDoc::body)
                .orElse(Json.object())
            : Json.object();
    List<String> next = new ArrayList<>();
    flow.path("_runNextFlowIds").forEach(n -> next.add(n.asText()));
    RunPlan.Flow f =
        new RunPlan.Flow(
            flowId,
            flow.path("runPageGeneratorsInParallel").asBoolean(false),
            flow.path("skipRetries").asBoolean(false),
            flow.path("autoResolveMatchingTraceKeys").asBoolean(false),
            List.copyOf(next),
            settings(flow),
            settings(integration));
    List<RunPlan.Source> sources = new ArrayList<>();
    ArrayNode generators = generators(flow);
    for (int i = 0; i < generators.size(); i++) {
      ObjectNode pg = (ObjectNode) generators.get(i);
      String exportId = pg.path("_exportId").asText();
      if (!onlyExports.isEmpty() && !onlyExports.contains(exportId)) continue;
      RunPlan.Endpoint e = endpoint(exports, exportId, "export");
      sources.add(
          new RunPlan.Source(
              i,
              e,
              pg.path("skipRetries").asBoolean(false),
              "once".equals(e.resource().path("type").asText()),
              Times.parse(e.resource().path("delta").path("startDate").asText(null))));
    }
    List<RunPlan.Step> steps = new ArrayList<>();
    ArrayNode processors = processors(flow);
    for (int i = 0; i < processors.size(); i++) {
      ObjectNode pp = (ObjectNode) processors.get(i);
      boolean lookup = "export".equals(pp.path("type").asText());
      RunPlan.Endpoint e =
          lookup
              ? endpoint(exports, pp.path("_exportId").asText(), "lookup")
              : endpoint(imports, pp.path("_importId").asText(), "import");
      if (e.adaptor() == null)
        throw new PlanException("Step " + i + " (" + name(e) + ") has no connection to run with.");
      steps.add(
          new RunPlan.Step(
              i,
              lookup ? RunPlan.StepKind.LOOKUP : RunPlan.StepKind.IMPORT,
              e,
              pp.path("proceedOnFailure").asBoolean(false),
              pp.get("responseMapping"),
              lookup ? RunPlan.Existence.NONE : existence(e.resource()),
              pp.get("hooks")));
    }
    return new RunPlan(f, sources, steps);
  }

  static RunPlan.Existence existence(ObjectNode imp) {
    return new RunPlan.Existence(
        imp.path("ignoreExtract").asText(""),
        imp.path("ignoreExisting").asBoolean(false),
        imp.path("ignoreMissing").asBoolean(false));
  }

  /** A document's {@code settings} object; an empty one when it has none. */
  private static ObjectNode settings(JsonNode doc) {
    JsonNode n = doc.get("settings");
    return n != null && n.isObject() ? (ObjectNode) n : Json.object();
  }

  /** The flow's page generators; a legacy flow's {@code _exportId} is its only one. */
  private static ArrayNode generators(ObjectNode flow) {
    if (flow.path("pageGenerators").isArray() && !flow.get("pageGenerators").isEmpty())
      return (ArrayNode) flow.get("pageGenerators");
    ArrayNode legacy = Json.MAPPER.createArrayNode();
    if (flow.hasNonNull("_exportId"))
      legacy.addObject().put("_exportId", flow.get("_exportId").asText());
    return legacy;
  }

  /** The flow's page processors; a legacy flow's {@code _importId} is its only one. */
  private static ArrayNode processors(ObjectNode flow) {
    if (flow.path("pageProcessors").isArray() && !flow.get("pageProcessors").isEmpty())
      return (ArrayNode) flow.get("pageProcessors");
    ArrayNode legacy = Json.MAPPER.createArrayNode();
    if (flow.hasNonNull("_importId"))
      legacy.addObject().put("type", "import").put("_importId", flow.get("_importId").asText());
    return legacy;
  }

  private RunPlan.Endpoint endpoint(ResourceType type, String id, String what) {
    ObjectNode doc = load(type, id, what);
    String connectionId = doc.path("_connectionId").asText(null);
    String traceKeyTemplate = doc.path("traceKeyTemplate").asText("");
    if (connectionId == null)
      return new RunPlan.Endpoint(
          id, doc, settings(doc), traceKeyTemplate, null, null, null, 0, null);
    ObjectNode connection = load(connections, connectionId, "connection");
    if (connection.path("offline").asBoolean(false)) {
      throw new PlanException(
          "Connection "
              + connectionId
              + " ("
              + connection.path("name").asText("")
              + ") is offline; "
              + "fix it and set offline to false, or ping it.");
    }
    String connectionType = connection.path("type").asText();
    Adaptor adaptor =
        adaptors
            .forConnectionType(connectionType)
            .orElseThrow(
                () ->
                    new PlanException(
                        "No adaptor runs connections of type " + connectionType + " yet."));
    // Failures and record errors leave the adaptor with this connection's secrets taken out.
    return new RunPlan.Endpoint(
        id,
        doc,
        settings(doc),
        traceKeyTemplate,
        connectionId,
        connection,
        settings(connection),
        ConnectionThrottles.level(connection, adaptor),
        RedactingAdaptor.of(adaptor, ConnectionRedactors.of(connection, connections.secrets())));
  }

  private ObjectNode load(ResourceType type, String id, String what) {
    StoredDoc d =
        resources
            .find(type, id)
            .orElseThrow(() -> new PlanException("The " + what + " " + id + " no longer exists."));
    return resources.revealed(type, d);
  }

  private static String name(RunPlan.Endpoint e) {
    JsonNode n = e.resource().get("name");
    return n == null ? e.resourceId() : n.asText();
  }
}

package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Adaptor;
import io.tributary.adaptors.AdaptorRegistry;
import io.tributary.core.Times;
import io.tributary.filters.FilterExpression;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.StoredDoc;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    if (flow.path("routers").isArray() && !flow.get("routers").isEmpty()) {
      List<RunPlan.Router> routers = routers(flow.get("routers"), steps);
      return new RunPlan(f, sources, steps, routers);
    }
    ArrayNode processors = processors(flow);
    for (int i = 0; i < processors.size(); i++) steps.add(step(i, (ObjectNode) processors.get(i)));
    return new RunPlan(f, sources, steps);
  }

  private RunPlan.Step step(int i, ObjectNode pp) {
    boolean lookup = "export".equals(pp.path("type").asText());
    RunPlan.Endpoint e =
        lookup
            ? endpoint(exports, pp.path("_exportId").asText(), "lookup")
            : endpoint(imports, pp.path("_importId").asText(), "import");
    if (e.adaptor() == null)
      throw new PlanException("Step " + i + " (" + name(e) + ") has no connection to run with.");
    return new RunPlan.Step(
        i,
        lookup ? RunPlan.StepKind.LOOKUP : RunPlan.StepKind.IMPORT,
        e,
        pp.path("proceedOnFailure").asBoolean(false),
        pp.get("responseMapping"),
        lookup ? RunPlan.Existence.NONE : existence(e.resource()),
        pp.get("hooks"));
  }

  /**
   * The routers of a flow (D23), the page processors of their branches appended to {@code steps} in
   * document order. Saving checked them; a cycle is refused again here, as it would never end.
   */
  private List<RunPlan.Router> routers(JsonNode list, List<RunPlan.Step> steps) {
    String cycle = RouterGraph.of(list).cycle();
    if (cycle != null)
      throw new PlanException("Router " + cycle + " is on a cycle: its records would never end.");
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < list.size(); i++) index.putIfAbsent(list.get(i).path("id").asText(), i);
    List<RunPlan.Router> routers = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode r = list.get(i);
      String id = r.path("id").asText();
      List<RunPlan.Branch> branches = new ArrayList<>();
      for (int j = 0; j < r.path("branches").size(); j++) {
        JsonNode b = r.get("branches").get(j);
        List<Integer> own = new ArrayList<>();
        for (JsonNode pp : b.path("pageProcessors")) {
          own.add(steps.size());
          steps.add(step(steps.size(), (ObjectNode) pp));
        }
        JsonNode next =
            b.hasNonNull("nextRouterId") ? b.get("nextRouterId") : r.get("nextRouterId");
        branches.add(
            new RunPlan.Branch(
                j,
                b.path("name").asText("Branch " + (j + 1)),
                filter(b.get("inputFilter"), id, j),
                List.copyOf(own),
                next(next, index, id)));
      }
      routers.add(
          new RunPlan.Router(
              i,
              id,
              r.path("name").asText(id),
              "all_matching_branches".equals(r.path("routeRecordsTo").asText()),
              script(r),
              List.copyOf(branches)));
    }
    return List.copyOf(routers);
  }

  /**
   * A branch's input filter, {@code {version: "1", rules}} (or a whole expression filter); null for
   * a branch without one, which matches every record.
   */
  private static FilterExpression filter(JsonNode filter, String router, int branch) {
    if (filter == null || filter.isNull() || filter.isEmpty()) return null;
    try {
      return FilterExpression.parseBranch(filter);
    } catch (IllegalArgumentException e) {
      throw new PlanException(
          "The input filter of branch "
              + branch
              + " of router "
              + router
              + " is malformed: "
              + e.getMessage());
    }
  }

  private static int next(JsonNode id, Map<String, Integer> index, String from) {
    if (id == null || id.isNull()) return RunPlan.END;
    Integer at = index.get(id.asText());
    if (at == null)
      throw new PlanException(
          "Router " + from + " leads to router " + id.asText() + ", which the flow does not have.");
    return at;
  }

  /**
   * The branching function of a router that routes by script; null for one that routes by input
   * filters. Whether it exists is checked with the hooks, before the first request ({@link
   * RouterWalk#check}).
   */
  private static RunPlan.ScriptRef script(JsonNode router) {
    if (!"script".equals(router.path("routeRecordsUsing").asText())) return null;
    return new RunPlan.ScriptRef(
        router.path("script").path("_scriptId").asText(""),
        router.path("script").path("function").asText(""));
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

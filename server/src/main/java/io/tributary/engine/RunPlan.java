package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Adaptor;
import io.tributary.filters.FilterExpression;
import java.util.List;

/**
 * What one flow job runs, read once at its start from the flow, its exports, imports and
 * connections (secrets revealed): the engine acts on these records and does not read those
 * documents again. Adaptors still get their export, import and connection documents whole (that is
 * the SPI).
 *
 * <p>A linear flow has no routers: its steps run in order. A flow with routers (D23) keeps every
 * page processor of every branch in {@code steps}, numbered in document order (router by router,
 * branch by branch), so each still has one index, one child job and one set of rules; {@code
 * routers} says which steps each branch runs and where its records go next. Records enter the first
 * router.
 */
record RunPlan(Flow flow, List<Source> sources, List<Step> steps, List<Router> routers) {
  /** Where a branch's records go when no router follows. */
  static final int END = -1;

  RunPlan(Flow flow, List<Source> sources, List<Step> steps) {
    this(flow, sources, steps, List.of());
  }

  boolean routed() {
    return !routers.isEmpty();
  }

  /**
   * A router at {@code index} in routers. {@code script} is null when it routes by the branches'
   * input filters.
   */
  record Router(
      int index,
      String id,
      String name,
      boolean allMatching,
      ScriptRef script,
      List<Branch> branches) {}

  /** The {@code branching} function a router asks for the branches of each record. */
  record ScriptRef(String scriptId, String function) {}

  /**
   * A branch at {@code index} in its router: {@code inputFilter} (parsed when the job is planned,
   * so a malformed one fails the job at its start) null matches every record; {@code steps} are
   * indexes into the plan's steps (none: the branch discards); {@code next} is the index of the
   * router its records go to next (the branch's nextRouterId, else its router's), or {@link #END}.
   */
  record Branch(
      int index, String name, FilterExpression inputFilter, List<Integer> steps, int next) {}

  /** Where a step sits in a routed flow: its router, branch and position in the branch. */
  record Position(Router router, Branch branch, int offset) {}

  /** The position of the step at {@code stepIndex}; null in a linear flow. */
  Position position(int stepIndex) {
    for (Router r : routers)
      for (Branch b : r.branches()) {
        int at = b.steps().indexOf(stepIndex);
        if (at >= 0) return new Position(r, b, at);
      }
    return null;
  }

  /**
   * The flow's own options; {@code settings} and {@code integrationSettings} are objects, maybe
   * empty.
   */
  record Flow(
      String id,
      boolean runPageGeneratorsInParallel,
      boolean skipRetries,
      boolean autoResolveMatchingTraceKeys,
      List<String> runNextFlowIds,
      ObjectNode settings,
      ObjectNode integrationSettings) {}

  /**
   * An export or import, its connection (null for connectionless exports) and the adaptor that
   * serves it. {@code traceKeyTemplate} is empty when the step has none.
   */
  record Endpoint(
      String resourceId,
      ObjectNode resource,
      ObjectNode settings,
      String traceKeyTemplate,
      String connectionId,
      ObjectNode connection,
      ObjectNode connectionSettings,
      int concurrencyLevel,
      Adaptor adaptor) {}

  /**
   * A page generator at {@code index} in pageGenerators. {@code once}: the export marks the records
   * that failed no step ({@code type: "once"}); {@code deltaStartDate}: its configured first delta
   * window start, or null.
   */
  record Source(
      int index, Endpoint endpoint, boolean skipRetries, boolean once, Long deltaStartDate) {}

  /** What a page processor does with the records that reach it. */
  enum StepKind {
    LOOKUP,
    IMPORT
  }

  /**
   * integrator.io's {@code ignoreExisting} / {@code ignoreMissing}: the field at {@code extract}
   * (typically an id a lookup found in the destination) says whether the record exists there.
   */
  record Existence(String extract, boolean ignoreExisting, boolean ignoreMissing) {
    static final Existence NONE = new Existence("", false, false);
  }

  /**
   * A page processor at {@code index} in pageProcessors (in a routed flow, in the steps of every
   * branch in document order); {@code hooks} is its own (postResponseMap), maybe null.
   */
  record Step(
      int index,
      StepKind kind,
      Endpoint endpoint,
      boolean proceedOnFailure,
      JsonNode responseMapping,
      Existence existence,
      JsonNode hooks) {
    String stepId() {
      return endpoint.resourceId();
    }

    boolean lookup() {
      return kind == StepKind.LOOKUP;
    }
  }
}

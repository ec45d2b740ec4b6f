package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Adaptor;
import java.util.List;

/**
 * What one flow job runs, read once at its start from the flow, its exports, imports and
 * connections (secrets revealed): the engine acts on these records and does not read those
 * documents again. Adaptors still get their export, import and connection documents whole (that is
 * the SPI). Routers (branching) will be a third kind of part beside sources and steps.
 */
record RunPlan(Flow flow, List<Source> sources, List<Step> steps) {

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
   * A page processor at {@code index} in pageProcessors; {@code hooks} is its own
   * (postResponseMap), maybe null.
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

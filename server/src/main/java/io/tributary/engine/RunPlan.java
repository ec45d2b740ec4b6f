package io.tributary.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Adaptor;
import java.util.List;

/**
 * What one flow job runs, resolved once at its start: the flow, its sources and its steps, each
 * with its resource, connection (secrets revealed) and adaptor.
 */
record RunPlan(ObjectNode flow, ObjectNode integration, List<Source> sources, List<Step> steps) {

  /** An export, its connection (null for connectionless exports) and the adaptor that reads it. */
  record Endpoint(String resourceId, ObjectNode resource, String connectionId, ObjectNode connection, Adaptor adaptor) {}

  /** A page generator: {@code index} in pageGenerators. */
  record Source(int index, ObjectNode pageGenerator, Endpoint endpoint) {}

  /** A page processor: a lookup ({@code type: "export"}) or an import, at {@code index} in pageProcessors. */
  record Step(int index, ObjectNode processor, boolean lookup, Endpoint endpoint) {
    String stepId() {
      return endpoint.resourceId();
    }

    boolean proceedOnFailure() {
      return processor.path("proceedOnFailure").asBoolean(false);
    }
  }
}

package io.tributary.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The outcome of mapping one record: the data to send, or why it could not be mapped. */
public sealed interface MapResult {
  record Mapped(ObjectNode data) implements MapResult {}

  record Failed(String code, String message, String field) implements MapResult {}
}

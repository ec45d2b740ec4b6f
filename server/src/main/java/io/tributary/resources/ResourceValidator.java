package io.tributary.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks one resource type's documents. It may normalise the document in place (derive {@code
 * adaptorType}, assign ids to flow groupings) and declares every reference through {@link
 * Validation#reference}; it is called inside the writing transaction.
 */
@FunctionalInterface
public interface ResourceValidator {
  void validate(ObjectNode doc, Validation v);
}

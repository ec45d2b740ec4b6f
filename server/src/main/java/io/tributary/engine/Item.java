package io.tributary.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One record on its way through a page's steps. */
final class Item {
  /** Its position in the page as exported: integrator.io's {@code oIndex} of an error. */
  final int index;

  ObjectNode record;

  /** It failed a step without proceedOnFailure: it goes no further. */
  boolean halted;

  /**
   * It failed some step (with or without proceedOnFailure): it does not count as a flow success.
   */
  boolean failed;

  Item(int index, ObjectNode record) {
    this.index = index;
    this.record = record;
  }
}

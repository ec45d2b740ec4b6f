package io.tributary.templates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A template's resources, each as exported (original ids, no secrets), in install order. */
record Template(ObjectNode manifest, List<Resource> resources) {
  /** {@code model} is Flow, Export, Import, Script, Connection or Integration. */
  record Resource(String model, String id, ObjectNode doc) {}

  static final List<String> ORDER =
      List.of("Connection", "Integration", "Script", "Export", "Import", "Flow");

  List<Resource> of(String model) {
    return resources.stream().filter(r -> r.model().equals(model)).toList();
  }
}

package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One request header as integrator.io configures them: {@code {name, value}}, the value a template.
 */
record Header(String name, String value) {
  static List<Header> list(JsonNode headers) {
    List<Header> out = new ArrayList<>();
    for (JsonNode h : headers) {
      String name = h.path("name").asText("");
      if (!name.isBlank()) out.add(new Header(name.trim(), h.path("value").asText("")));
    }
    return out;
  }

  /** {@code overrides} replace same-named (case-insensitive) headers of {@code base}. */
  static List<Header> merge(List<Header> base, List<Header> overrides) {
    List<Header> out = new ArrayList<>();
    for (Header b : base) {
      if (overrides.stream().noneMatch(o -> o.name().equalsIgnoreCase(b.name()))) out.add(b);
    }
    out.addAll(overrides);
    return out;
  }

  static boolean present(List<Header> headers, String name) {
    return headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(name));
  }

  /** Values are left out: headers often carry credentials. */
  @Override
  public String toString() {
    return name + ": ***";
  }
}

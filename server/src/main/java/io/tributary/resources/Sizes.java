package io.tributary.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Bounds on the sizes a step is configured with (page sizes, batch sizes). A page is held in memory
 * whole and a batch is one request: {@code pageSize: 2000000000} once left a job reading rows
 * forever without ever finishing a page. Checked when the resource is saved.
 */
public final class Sizes {
  /** The largest page or batch: 10,000 records (integrator.io keeps a page to 5 MB besides). */
  public static final int MAX = 10_000;

  private Sizes() {}

  /**
   * Checks the size at the dotted {@code path} of {@code doc}, when present: a whole number from 1
   * to {@link #MAX}.
   */
  public static void check(Validation v, JsonNode doc, String path) {
    int dot = path.lastIndexOf('.');
    JsonNode parent = doc;
    if (dot > 0)
      for (String segment : path.substring(0, dot).split("\\.")) parent = parent.path(segment);
    if (!Checks.is(v, parent, path.substring(dot + 1), path, Checks.Kind.INTEGER)) return;
    BigDecimal n = parent.get(path.substring(dot + 1)).decimalValue();
    if (n.compareTo(BigDecimal.ONE) < 0 || n.compareTo(BigDecimal.valueOf(MAX)) > 0) {
      v.invalid(path, path + " must be a whole number from 1 to " + MAX);
    }
  }
}

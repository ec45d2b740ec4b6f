package io.tributary.flows;

import static io.tributary.resources.Checks.Kind.ARRAY;
import static io.tributary.resources.Checks.Kind.OBJECT;
import static io.tributary.resources.Checks.Kind.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.engine.RouterGraph;
import io.tributary.filters.RuleChecks;
import io.tributary.resources.Checks;
import io.tributary.resources.Validation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Save-time checks of a flow's {@code routers} (D23): each router's id, routing mode, script and
 * branches; {@code nextRouterId}s that name a router of the flow; and a graph where every router is
 * reached from the first one and no record can loop. Script references are declared by the
 * document-wide script walk ({@code invalid_ref} when the script does not exist).
 */
final class RouterChecks {
  static final List<String> ROUTE_TO = List.of("first_matching_branch", "all_matching_branches");
  static final List<String> ROUTE_USING = List.of("input_filters", "script");

  /**
   * Router ids are short random alphanumerics in integrator.io; they also name the router as the
   * step of its errors, so they fit the store's step ids.
   */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,24}");

  private RouterChecks() {}

  /**
   * Checks the routers; {@code processors} checks the page processors of a branch at a field path.
   */
  static void check(JsonNode routers, Validation v, BiConsumer<JsonNode, String> processors) {
    Set<String> ids = new HashSet<>();
    for (JsonNode r : routers) ids.add(r.path("id").asText(""));
    Set<String> seen = new HashSet<>();
    boolean shaped = true;
    for (int i = 0; i < routers.size(); i++) {
      String at = Checks.index("routers", i);
      JsonNode r = routers.get(i);
      if (!r.isObject()) {
        v.invalid(at, at + " must be an object");
        shaped = false;
        continue;
      }
      if (Checks.required(v, r, "id", at + ".id", STRING)) {
        String id = r.get("id").asText();
        if (!ID.matcher(id).matches())
          v.invalid(at + ".id", at + ".id must be 1 to 24 letters, digits, _ or -");
        else if (!seen.add(id)) v.invalid(at + ".id", "Duplicate router id " + id);
      } else shaped = false;
      Checks.is(v, r, "name", at + ".name", STRING);
      oneOf(v, r, "routeRecordsTo", at, ROUTE_TO);
      oneOf(v, r, "routeRecordsUsing", at, ROUTE_USING);
      script(v, r, at);
      nextRouter(r, at, ids, v);
      if (!Checks.required(v, r, "branches", at + ".branches", ARRAY)) {
        shaped = false;
        continue;
      }
      if (r.get("branches").isEmpty())
        v.invalid(at + ".branches", at + ".branches must name at least one branch");
      for (int j = 0; j < r.get("branches").size(); j++)
        shaped &=
            branch(r.get("branches").get(j), Checks.index(at + ".branches", j), ids, v, processors);
    }
    if (shaped) graph(routers, v);
  }

  private static boolean branch(
      JsonNode b,
      String at,
      Set<String> ids,
      Validation v,
      BiConsumer<JsonNode, String> processors) {
    if (!b.isObject()) {
      v.invalid(at, at + " must be an object");
      return false;
    }
    Checks.is(v, b, "name", at + ".name", STRING);
    Checks.is(v, b, "description", at + ".description", STRING);
    RuleChecks.branchFilter(v, b, at);
    nextRouter(b, at, ids, v);
    if (Checks.is(v, b, "pageProcessors", at + ".pageProcessors", ARRAY))
      processors.accept(b.get("pageProcessors"), at + ".pageProcessors");
    return true;
  }

  private static void oneOf(Validation v, JsonNode r, String name, String at, List<String> values) {
    if (Checks.is(v, r, name, at + "." + name, STRING) && !values.contains(r.get(name).asText()))
      v.invalid(at + "." + name, at + "." + name + " must be one of " + String.join(", ", values));
  }

  /** A router that routes by script names the script and its branching function. */
  private static void script(Validation v, JsonNode r, String at) {
    boolean byScript = "script".equals(r.path("routeRecordsUsing").asText());
    if (!byScript) {
      Checks.is(v, r, "script", at + ".script", OBJECT);
      return;
    }
    if (!Checks.required(v, r, "script", at + ".script", OBJECT)) return;
    Checks.required(v, r.get("script"), "_scriptId", at + ".script._scriptId", STRING);
    Checks.required(v, r.get("script"), "function", at + ".script.function", STRING);
  }

  private static void nextRouter(JsonNode node, String at, Set<String> ids, Validation v) {
    if (Checks.is(v, node, "nextRouterId", at + ".nextRouterId", STRING)
        && !ids.contains(node.get("nextRouterId").asText())) {
      v.invalid(at + ".nextRouterId", "Invalid nextRouterId " + node.get("nextRouterId").asText());
    }
  }

  /** Records enter the first router: every router must be reachable, and none on a loop. */
  private static void graph(JsonNode routers, Validation v) {
    RouterGraph g = RouterGraph.of(routers);
    String cycle = g.cycle();
    if (cycle != null)
      v.invalid(
          "routers",
          "Router " + cycle + " is on a cycle of nextRouterIds: its records would never end");
    for (String id : g.unreachable())
      v.invalid(
          "routers",
          "Router "
              + id
              + " is unreachable: no branch or router leads to it from the first router");
  }
}

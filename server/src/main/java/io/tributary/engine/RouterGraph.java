package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routers of a flow as a graph: each router leads to the routers its branches continue at (a
 * branch's {@code nextRouterId}, else its router's). Records enter the first router. Saving a flow
 * refuses a cycle (records would loop forever) and a router no record can reach; the planner checks
 * again, so a flow stored before these checks cannot hang a job.
 */
public final class RouterGraph {
  private final List<String> ids = new ArrayList<>();
  private final Map<String, Set<String>> next = new LinkedHashMap<>();

  private RouterGraph(JsonNode routers) {
    for (JsonNode r : routers) {
      String id = r.path("id").asText("");
      if (next.containsKey(id)) continue; // a duplicate id is reported on its own
      ids.add(id);
      Set<String> to = new LinkedHashSet<>();
      String own = text(r.get("nextRouterId"));
      for (JsonNode b : r.path("branches")) {
        String n = text(b.get("nextRouterId"));
        if (n == null) n = own;
        if (n != null) to.add(n);
      }
      if (r.path("branches").isEmpty() && own != null) to.add(own);
      next.put(id, to);
    }
  }

  /** The graph of a flow's {@code routers} array (unknown ids in nextRouterId are left out). */
  public static RouterGraph of(JsonNode routers) {
    return new RouterGraph(routers);
  }

  /**
   * A router on a cycle, in array order, or null when records always reach an end. Iterative: a
   * long chain of routers must not overflow the stack of a save.
   */
  public String cycle() {
    Map<String, Integer> state = new HashMap<>(); // 1: on the current path, 2: done
    for (String start : ids) {
      if (state.containsKey(start)) continue;
      Deque<Map.Entry<String, Iterator<String>>> path = new ArrayDeque<>();
      state.put(start, 1);
      path.push(Map.entry(start, next.get(start).iterator()));
      while (!path.isEmpty()) {
        Map.Entry<String, Iterator<String>> top = path.peek();
        if (!top.getValue().hasNext()) {
          state.put(top.getKey(), 2);
          path.pop();
          continue;
        }
        String n = top.getValue().next();
        if (!next.containsKey(n)) continue;
        Integer s = state.get(n);
        if (s == null) {
          state.put(n, 1);
          path.push(Map.entry(n, next.get(n).iterator()));
        } else if (s == 1) return n;
      }
    }
    return null;
  }

  /** The routers no record reaches from the first one, in array order. */
  public List<String> unreachable() {
    if (ids.isEmpty()) return List.of();
    Set<String> reached = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(List.of(ids.get(0)));
    while (!todo.isEmpty()) {
      String id = todo.remove(todo.size() - 1);
      if (!next.containsKey(id) || !reached.add(id)) continue;
      todo.addAll(next.get(id));
    }
    return ids.stream().filter(id -> !reached.contains(id)).toList();
  }

  private static String text(JsonNode n) {
    return n != null && n.isTextual() ? n.asText() : null;
  }
}

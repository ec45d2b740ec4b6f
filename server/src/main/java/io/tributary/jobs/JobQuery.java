package io.tributary.jobs;

import io.tributary.core.Problem;
import io.tributary.core.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filters of {@code GET /v1/jobs} as SQL. Like the original, a query for parent jobs must name
 * an integration, a flow, a resource, a flow job or a time window, and one for child jobs a flow
 * job or a resource (400 invalid_query otherwise).
 */
public record JobQuery(String where, Map<String, Object> params, int limit) {
  public static final int MAX = 1000;
  private static final Set<String> PARENT_TYPES = Set.of("flow", "retry");
  private static final Map<String, String> COUNTERS =
      Map.of(
          "numSuccess",
          "num_success",
          "numError",
          "num_error",
          "numExport",
          "num_export",
          "numIgnore",
          "num_ignore");

  /** This query narrowed by one more predicate over the jobs row (null: unchanged). */
  public JobQuery and(String condition) {
    if (condition == null) return this;
    return new JobQuery(
        where.isEmpty() ? condition : "(" + where + ") and (" + condition + ")", params, limit);
  }

  public static JobQuery parse(Map<String, List<String>> raw) {
    Map<String, List<String>> q = normalized(raw);
    List<String> where = new ArrayList<>();
    Map<String, Object> params = new LinkedHashMap<>();
    eq(q, "_integrationId", "integration_id", where, params);
    eq(q, "_flowId", "flow_id", where, params);
    eq(q, "_exportId", "export_id", where, params);
    eq(q, "_importId", "import_id", where, params);
    eq(q, "_flowJobId", "flow_job_id", where, params);
    eq(q, "type", "type", where, params);
    eq(q, "status", "status", where, params);
    in(q, "_flowId_in", "flow_id", where, params);
    in(q, "type_in", "type", where, params);
    in(q, "status_in", "status", where, params);
    in(q, "_integrationId_in", "integration_id", where, params);
    time(q, "createdAt_gte", ">=", where, params);
    time(q, "createdAt_lte", "<=", where, params);
    COUNTERS.forEach(
        (name, column) -> {
          number(q, name + "_gte", column, ">=", where, params);
          number(q, name + "_lte", column, "<=", where, params);
        });
    requireScope(q);
    String types = first(q, "type");
    // _flowJobId names a parent: its children are what is asked for (D30).
    if (types == null && first(q, "type_in") == null && !has(q, "_flowJobId"))
      where.add("flow_job_id is null");
    return new JobQuery(String.join(" and ", where), params, MAX);
  }

  private static void requireScope(Map<String, List<String>> q) {
    String type = first(q, "type");
    boolean child = type != null && !PARENT_TYPES.contains(type);
    boolean resource = has(q, "_exportId") || has(q, "_importId");
    if (child) {
      if (!has(q, "_flowJobId") && !resource && !has(q, "_flowId")) {
        throw Problem.badRequest(
            "invalid_query",
            "For child jobs, query parameters must contain either \"_flowJobId\" or \"resourceId\"");
      }
    } else if (!has(q, "_integrationId")
        && !has(q, "_flowId")
        && !has(q, "_flowId_in")
        && !resource
        && !has(q, "_flowJobId")
        && !has(q, "createdAt_gte")
        && !has(q, "createdAt_lte")) {
      throw Problem.badRequest(
          "invalid_query",
          "For parent jobs, query parameters must contain either \"_integrationId\" or \"_flowId\" or \"_jobId\" or \"createdAt\"");
    }
  }

  private static boolean has(Map<String, List<String>> q, String name) {
    return first(q, name) != null;
  }

  private static String first(Map<String, List<String>> q, String name) {
    List<String> v = q.get(name);
    return v == null || v.isEmpty() || v.get(0).isBlank() ? null : v.get(0);
  }

  /**
   * Clients send lists three ways: {@code x_in=a,b}, {@code x_in=a&x_in=b} and {@code
   * x_in[0]=a&x_in[1]=b}; all become one list under {@code x_in}.
   */
  static Map<String, List<String>> normalized(Map<String, List<String>> raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    raw.forEach(
        (k, v) -> {
          String key = k.replaceFirst("\\[\\d*]$", "");
          List<String> values = out.computeIfAbsent(key, x -> new ArrayList<>());
          for (String item : v) {
            if (key.endsWith("_in")) {
              for (String part : item.split(",")) if (!part.isBlank()) values.add(part.trim());
            } else {
              values.add(item);
            }
          }
        });
    return out;
  }

  /** One value is an equality; a repeated parameter ({@code status=a&status=b}) any of them. */
  private static void eq(
      Map<String, List<String>> q,
      String name,
      String column,
      List<String> where,
      Map<String, Object> params) {
    String v = first(q, name);
    if (v == null) return;
    List<String> all = q.get(name).stream().filter(x -> !x.isBlank()).toList();
    if (all.size() > 1) {
      in(all, column + "_eq", column, where, params);
      return;
    }
    where.add(column + " = :" + column);
    params.put(column, v);
  }

  private static void in(
      Map<String, List<String>> q,
      String name,
      String column,
      List<String> where,
      Map<String, Object> params) {
    if (first(q, name) == null) return;
    in(q.get(name), column + "_in", column, where, params);
  }

  private static void in(
      List<String> values,
      String prefix,
      String column,
      List<String> where,
      Map<String, Object> params) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String p = prefix + "_" + i;
      names.add(":" + p);
      params.put(p, values.get(i).trim());
    }
    where.add(column + " in (" + String.join(", ", names) + ")");
  }

  private static void time(
      Map<String, List<String>> q,
      String name,
      String op,
      List<String> where,
      Map<String, Object> params) {
    String v = first(q, name);
    if (v == null) return;
    Long t = Times.parse(v);
    if (t == null)
      throw Problem.badRequest(
          "invalid_query", name + " must be an ISO date, a date-time or epoch milliseconds");
    where.add("created_at " + op + " :" + name);
    params.put(name, t);
  }

  private static void number(
      Map<String, List<String>> q,
      String name,
      String column,
      String op,
      List<String> where,
      Map<String, Object> params) {
    String v = first(q, name);
    if (v == null) return;
    try {
      params.put(name, Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw Problem.badRequest("invalid_query", name + " must be a whole number");
    }
    where.add(column + " " + op + " :" + name);
  }
}

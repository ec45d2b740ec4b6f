package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.Templating;
import io.tributary.filters.FilterExpression;
import io.tributary.filters.Transform;
import io.tributary.mapping.ImportMapper;
import io.tributary.mapping.ResponseMapping;
import io.tributary.web.Json;
import java.util.HashMap;
import java.util.Map;

/**
 * The parsed filters, transforms and mappings of a plan, built once before the first request so a
 * malformed one fails the job at its start rather than record by record.
 */
record Prepared(Map<Integer, SourceRules> sources, Map<Integer, StepRules> steps) {

  /** An export's rules; a script filter or transform is a {@link Hooks.Ref} instead. */
  record SourceRules(
      Transform transform,
      FilterExpression filter,
      Hooks.Ref scriptTransform,
      Hooks.Ref scriptFilter,
      Hooks.Ref preSavePage) {
    boolean scripted() {
      return scriptTransform != null || scriptFilter != null || preSavePage != null;
    }
  }

  /** A step's rules and the hooks it runs (D22); absent ones are null. */
  record StepRules(
      FilterExpression inputFilter,
      ImportMapper mapper,
      ResponseMapping responseMapping,
      Hooks.Ref scriptFilter,
      Hooks.Ref preMap,
      Hooks.Ref postMap,
      Hooks.Ref postSubmit,
      Hooks.Ref postResponseMap,
      Hooks.Ref postAggregate) {
    boolean scripted() {
      return scriptFilter != null
          || preMap != null
          || postMap != null
          || postSubmit != null
          || postResponseMap != null;
    }
  }

  /**
   * Parses the plan's rules; every script function they name must exist ({@code hooks} checks), or
   * the run fails at its start saying which.
   */
  static Prepared of(RunPlan plan, Templating templating, Hooks hooks) {
    Map<Integer, SourceRules> sources = new HashMap<>();
    for (RunPlan.Source s : plan.sources()) {
      JsonNode export = s.endpoint().resource();
      String where = "export " + s.endpoint().resourceId();
      sources.put(
          s.index(),
          new SourceRules(
              transform(export.get("transform"), "transform of " + where),
              filter(export.get("filter"), "filter of " + where),
              checked(hooks, script(export.get("transform")), "script transform of " + where),
              checked(hooks, script(export.get("filter")), "script filter of " + where),
              checked(
                  hooks,
                  Hooks.Ref.of(export.path("hooks").get("preSavePage")),
                  "preSavePage hook of " + where)));
    }
    Map<Integer, StepRules> steps = new HashMap<>();
    for (RunPlan.Step step : plan.steps()) {
      JsonNode resource = step.endpoint().resource();
      String where = (step.lookup() ? "lookup " : "import ") + step.stepId();
      JsonNode filterDoc = resource.get(step.lookup() ? "inputFilter" : "filter");
      FilterExpression input = filter(filterDoc, "filter of " + where);
      ImportMapper mapper = step.lookup() ? null : mapper(resource, templating, where);
      JsonNode own = step.lookup() ? Json.object() : resource.path("hooks");
      steps.put(
          step.index(),
          new StepRules(
              input,
              mapper,
              responseMapping(step.responseMapping(), where),
              checked(hooks, script(filterDoc), "script filter of " + where),
              checked(hooks, Hooks.Ref.of(own.get("preMap")), "preMap hook of " + where),
              checked(hooks, Hooks.Ref.of(own.get("postMap")), "postMap hook of " + where),
              checked(hooks, Hooks.Ref.of(own.get("postSubmit")), "postSubmit hook of " + where),
              checked(
                  hooks,
                  step.hooks() == null ? null : Hooks.Ref.of(step.hooks().get("postResponseMap")),
                  "postResponseMap hook of step " + step.index()),
              checked(
                  hooks,
                  Hooks.Ref.of(own.get("postAggregate")),
                  "postAggregate hook of " + where)));
    }
    return new Prepared(sources, steps);
  }

  private static FilterExpression filter(JsonNode filter, String where) {
    if (filter == null || filter.isNull() || filter.isEmpty()) return null;
    String type = filter.path("type").asText("expression");
    if (type.equals("script")) return null; // a Hooks.Ref (see script)
    if (!filter.has("expression") && !filter.has("rules") && !filter.isArray()) return null;
    try {
      return FilterExpression.parse(filter);
    } catch (IllegalArgumentException e) {
      throw new RunPlanner.PlanException("The " + where + " is malformed: " + e.getMessage());
    }
  }

  private static Transform transform(JsonNode transform, String where) {
    if (transform == null || transform.isNull() || transform.isEmpty()) return null;
    if (transform.path("type").asText("expression").equals("script")) return null;
    if (!transform.has("expression") && !transform.has("rules") && !transform.isArray())
      return null;
    try {
      return Transform.parse(transform);
    } catch (IllegalArgumentException e) {
      throw new RunPlanner.PlanException("The " + where + " is malformed: " + e.getMessage());
    }
  }

  /**
   * The script of a {@code {type: "script", script: {_scriptId, function}}} filter or transform.
   */
  private static Hooks.Ref script(JsonNode rule) {
    if (rule == null || !rule.path("type").asText().equals("script")) return null;
    return Hooks.Ref.of(rule.get("script"));
  }

  private static Hooks.Ref checked(Hooks hooks, Hooks.Ref ref, String where) {
    if (ref == null) return null;
    String why = hooks.missing(ref, where);
    if (why != null) throw new RunPlanner.PlanException(why);
    return ref;
  }

  private static ImportMapper mapper(JsonNode importDoc, Templating templating, String where) {
    try {
      return ImportMapper.of(importDoc, templating::render);
    } catch (IllegalArgumentException e) {
      throw new RunPlanner.PlanException(
          "The mapping of " + where + " is malformed: " + e.getMessage());
    }
  }

  private static ResponseMapping responseMapping(JsonNode rm, String where) {
    try {
      return ResponseMapping.of(rm);
    } catch (IllegalArgumentException e) {
      throw new RunPlanner.PlanException(
          "The response mapping of " + where + " is malformed: " + e.getMessage());
    }
  }
}

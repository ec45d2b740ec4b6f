package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.Templating;
import io.tributary.filters.FilterExpression;
import io.tributary.filters.Transform;
import io.tributary.mapping.ImportMapper;
import io.tributary.mapping.ResponseMapping;
import java.util.HashMap;
import java.util.Map;

/**
 * The parsed filters, transforms and mappings of a plan, built once before the first request so a
 * malformed one fails the job at its start rather than record by record.
 */
record Prepared(Map<Integer, SourceRules> sources, Map<Integer, StepRules> steps) {

  record SourceRules(Transform transform, FilterExpression filter) {}

  record StepRules(
      FilterExpression inputFilter, ImportMapper mapper, ResponseMapping responseMapping) {}

  static Prepared of(RunPlan plan, Templating templating) {
    Map<Integer, SourceRules> sources = new HashMap<>();
    for (RunPlan.Source s : plan.sources()) {
      JsonNode export = s.endpoint().resource();
      sources.put(
          s.index(),
          new SourceRules(
              transform(
                  export.get("transform"), "transform of export " + s.endpoint().resourceId()),
              filter(export.get("filter"), "filter of export " + s.endpoint().resourceId())));
    }
    Map<Integer, StepRules> steps = new HashMap<>();
    for (RunPlan.Step step : plan.steps()) {
      JsonNode resource = step.endpoint().resource();
      String where = (step.lookup() ? "lookup " : "import ") + step.stepId();
      FilterExpression input =
          filter(resource.get(step.lookup() ? "inputFilter" : "filter"), "filter of " + where);
      ImportMapper mapper = step.lookup() ? null : mapper(resource, templating, where);
      steps.put(
          step.index(),
          new StepRules(input, mapper, responseMapping(step.responseMapping(), where)));
    }
    return new Prepared(sources, steps);
  }

  private static FilterExpression filter(JsonNode filter, String where) {
    if (filter == null || filter.isNull() || filter.isEmpty()) return null;
    String type = filter.path("type").asText("expression");
    if (type.equals("script"))
      throw new RunPlanner.PlanException(
          "The " + where + " is a script filter; scripts do not run yet.");
    if (!filter.has("expression") && !filter.has("rules") && !filter.isArray()) return null;
    try {
      return FilterExpression.parse(filter);
    } catch (IllegalArgumentException e) {
      throw new RunPlanner.PlanException("The " + where + " is malformed: " + e.getMessage());
    }
  }

  private static Transform transform(JsonNode transform, String where) {
    if (transform == null || transform.isNull() || transform.isEmpty()) return null;
    if (transform.path("type").asText("expression").equals("script")) {
      throw new RunPlanner.PlanException(
          "The " + where + " is a script transform; scripts do not run yet.");
    }
    if (!transform.has("expression") && !transform.has("rules") && !transform.isArray())
      return null;
    try {
      return Transform.parse(transform);
    } catch (IllegalArgumentException e) {
      throw new RunPlanner.PlanException("The " + where + " is malformed: " + e.getMessage());
    }
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

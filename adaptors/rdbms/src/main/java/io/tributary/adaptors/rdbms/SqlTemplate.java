package io.tributary.adaptors.rdbms;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.Templating;
import io.tributary.adaptors.json.JsonPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Handlebars SQL template into a prepared statement: every {@code {{…}}} becomes a {@code
 * ?} bound to its value, so nothing a record, a setting or a parameter holds is ever spliced into
 * SQL. A plain path ({@code {{record.id}}}) keeps its JSON type; a helper call is rendered to text
 * first.
 */
final class SqlTemplate {
  private static final Pattern MUSTACHE =
      Pattern.compile("\\{\\{\\{?\\s*(.*?)\\s*\\}?\\}\\}", Pattern.DOTALL);
  private static final Pattern PATH = Pattern.compile("[A-Za-z_$@][\\w$.\\[\\]]*");

  record Prepared(String sql, List<Object> params) {}

  private SqlTemplate() {}

  private static final Pattern EACH =
      Pattern.compile("\\{\\{#each\\s+([^}\\s]+)\\s*\\}\\}(.*?)\\{\\{/each\\}\\}", Pattern.DOTALL);
  private static final Pattern UNLESS_LAST =
      Pattern.compile("\\{\\{#unless\\s+@last\\s*\\}\\}(.*?)\\{\\{/unless\\}\\}", Pattern.DOTALL);

  /**
   * Also expands {@code {{#each data}}…{{/each}}} (a multi-row statement for a page), element by
   * element, with {@code {{#unless @last}}…{{/unless}}} for separators; inside, {@code {{x}}} and
   * {@code {{this.x}}} are the element's fields — still bound as parameters, never spliced.
   */
  static Prepared prepare(String template, JsonNode context, Templating templating) {
    Matcher each = EACH.matcher(template);
    if (!each.find()) return prepareFlat(template, context, templating);
    StringBuilder sql = new StringBuilder();
    List<Object> params = new ArrayList<>();
    append(sql, params, prepareFlat(template.substring(0, each.start()), context, templating));
    JsonNode list = JsonPaths.get(context, each.group(1).replace("this.", ""));
    for (int i = 0; i < list.size(); i++) {
      String body = UNLESS_LAST.matcher(each.group(2)).replaceAll(i == list.size() - 1 ? "" : "$1");
      com.fasterxml.jackson.databind.node.ObjectNode element =
          io.tributary.adaptors.json.Json.object();
      if (context instanceof com.fasterxml.jackson.databind.node.ObjectNode o) element.setAll(o);
      if (list.get(i) instanceof com.fasterxml.jackson.databind.node.ObjectNode fields)
        element.setAll(fields);
      element.set("this", list.get(i));
      append(sql, params, prepareFlat(body, element, templating));
    }
    append(sql, params, prepare(template.substring(each.end()), context, templating));
    return new Prepared(sql.toString(), params);
  }

  private static void append(StringBuilder sql, List<Object> params, Prepared part) {
    sql.append(part.sql());
    params.addAll(part.params());
  }

  private static Prepared prepareFlat(String template, JsonNode context, Templating templating) {
    StringBuilder sql = new StringBuilder();
    List<Object> params = new ArrayList<>();
    Matcher m = MUSTACHE.matcher(template);
    int last = 0;
    while (m.find()) {
      String expr = m.group(1);
      if (expr.startsWith("#")
          || expr.startsWith("/")
          || expr.startsWith("^")
          || expr.startsWith("else")) {
        throw new AdaptorException(
            AdaptorException.Kind.FATAL,
            "invalid_query",
            "Block helpers are not allowed in SQL: values are bound as statement parameters ({{"
                + expr
                + "}}).");
      }
      sql.append(template, last, m.start()).append('?');
      params.add(value(expr, context, templating));
      last = m.end();
    }
    sql.append(template.substring(last));
    return new Prepared(sql.toString(), params);
  }

  private static Object value(String expr, JsonNode context, Templating templating) {
    if (PATH.matcher(expr).matches())
      return Columns.toJdbc(JsonPaths.get(context, expr.replace(".[", "[")));
    try {
      return templating.render("{{{" + expr + "}}}", context);
    } catch (RuntimeException e) {
      throw new AdaptorException(
          AdaptorException.Kind.FATAL,
          "invalid_query",
          "Cannot evaluate {{" + expr + "}}: " + e.getMessage());
    }
  }
}

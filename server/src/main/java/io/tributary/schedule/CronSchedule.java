package io.tributary.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A flow schedule as integrator.io stores it: 6 fields with a leading {@code ?} (seconds ignored)
 * or 5 fields (minute hour day-of-month month day-of-week). Day-of-week numbers follow the
 * original's UI (0-6, Sunday = 0; 7 is Sunday too); names (MON..SUN), {@code L}, {@code W}, {@code
 * #} and {@code ?} parse as in Quartz, which does the matching underneath.
 */
public final class CronSchedule {
  private static final CronParser QUARTZ =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
  private final String expression;
  private final ExecutionTime executionTime;

  private CronSchedule(String expression, Cron cron) {
    this.expression = expression;
    this.executionTime = ExecutionTime.forCron(cron);
  }

  /**
   * Parses an expression; an invalid one throws IllegalArgumentException with a message for the
   * user.
   */
  public static CronSchedule parse(String expression) {
    String quartz = toQuartz(expression);
    try {
      return new CronSchedule(expression, QUARTZ.parse(quartz).validate());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid cron expression '" + expression + "': " + e.getMessage());
    }
  }

  public String expression() {
    return expression;
  }

  /** The first matching instant strictly after {@code from}, in {@code from}'s zone. */
  public Optional<ZonedDateTime> nextAfter(ZonedDateTime from) {
    return executionTime.nextExecution(from);
  }

  static String toQuartz(String expression) {
    if (expression == null || expression.isBlank())
      throw new IllegalArgumentException("A cron expression is empty.");
    String[] f = expression.trim().split("\\s+");
    List<String> fields = new ArrayList<>(List.of(f));
    if (fields.size() == 5) fields.add(0, "0");
    if (fields.size() != 6) {
      throw new IllegalArgumentException(
          "Invalid cron expression '"
              + expression
              + "': use 5 fields (minute hour day-of-month month day-of-week) or 6 with a leading '?'.");
    }
    if (fields.get(0).equals("?")) fields.set(0, "0");
    String dom = fields.get(3);
    String dow = fields.get(5);
    // Quartz wants exactly one of the day fields to be '?'; '*' in the other says the same thing.
    if (!dom.equals("?") && !dow.equals("?")) {
      if (dow.equals("*")) dow = "?";
      else if (dom.equals("*")) dom = "?";
      else
        throw new IllegalArgumentException(
            "Invalid cron expression '"
                + expression
                + "': day-of-month and day-of-week cannot both be set; put '?' in one of them.");
    } else if (dom.equals("?") && dow.equals("?")) {
      dom = "*";
    }
    fields.set(3, dom);
    fields.set(5, dow.equals("?") ? dow : quartzDaysOfWeek(dow));
    return String.join(" ", fields);
  }

  /**
   * Maps day numbers 0-7 (Sunday = 0 or 7) to Quartz's 1-7 (Sunday = 1), leaving steps and '#'
   * counts alone.
   */
  private static String quartzDaysOfWeek(String field) {
    StringBuilder out = new StringBuilder();
    for (String item : field.split(",", -1)) {
      if (!out.isEmpty()) out.append(',');
      String base = item;
      String suffix = "";
      int slash = item.indexOf('/');
      int hash = item.indexOf('#');
      int cut = slash >= 0 ? slash : hash;
      if (cut >= 0) {
        base = item.substring(0, cut);
        suffix = item.substring(cut);
      }
      out.append(mapNumbers(base)).append(suffix);
    }
    return out.toString();
  }

  private static String mapNumbers(String base) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < base.length()) {
      char c = base.charAt(i);
      if (Character.isDigit(c)) {
        int j = i;
        while (j < base.length() && Character.isDigit(base.charAt(j))) j++;
        int n = Integer.parseInt(base.substring(i, j));
        if (n > 7) throw new IllegalArgumentException("day-of-week " + n + " is out of range 0-7");
        sb.append(n % 7 + 1);
        i = j;
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }
}

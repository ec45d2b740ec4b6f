package io.tributary.filters;

/**
 * A filter or transform that cannot be saved. {@link #where()} is the JSON location of the problem
 * inside the filter or transform object ({@code expression.rules[1][2]}), for the API's {@code
 * field}; the message repeats it so a log line alone is enough.
 */
public final class InvalidRuleException extends IllegalArgumentException {
  private final String where;

  public InvalidRuleException(String where, String problem) {
    super(where + ": " + problem);
    this.where = where;
  }

  public String where() {
    return where;
  }
}

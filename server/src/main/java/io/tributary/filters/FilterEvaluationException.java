package io.tributary.filters;

/**
 * A record that a valid filter cannot judge, such as {@code ["number", ["extract", "amount"]]} on
 * {@code "amount": "n/a"}. It concerns that record only: the engine makes it a record error (with
 * the record kept for retry) and goes on with the page.
 */
public final class FilterEvaluationException extends RuntimeException {
  public FilterEvaluationException(String message) {
    super(message);
  }
}

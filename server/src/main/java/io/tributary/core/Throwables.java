package io.tributary.core;

/**
 * What to say about a throwable nobody expected (an {@code Error} from an adaptor, a helper, a
 * mapping): a message that names it, so the record error or failed job says what happened instead
 * of the run ending in silence.
 */
public final class Throwables {
  private static final int MAX_MESSAGE = 1000;

  private Throwables() {}

  /** The message of a record error or job failure for {@code t}; an Error is named by its class. */
  public static String describe(Throwable t) {
    String message = t.getMessage();
    String text =
        t instanceof Error || message == null || message.isBlank()
            ? t.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message)
            : message;
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
  }
}

package io.tributary.adaptors;

/**
 * One failure of one record at one step: integrator.io's {@code {code, message, source}}. {@code
 * retryable} marks transient failures (timeouts, 429, 5xx) that an automatic retry may redo.
 */
public record RecordError(String code, String message, String source, boolean retryable) {
  public static RecordError of(String code, String message, String source) {
    return new RecordError(code, message, source, false);
  }
}

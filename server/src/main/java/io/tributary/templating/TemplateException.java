package io.tributary.templating;

/** A template that cannot render: bad syntax, an unknown helper, or a helper given wrong input. */
public final class TemplateException extends IllegalArgumentException {
  public TemplateException(String message) {
    super(message);
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}

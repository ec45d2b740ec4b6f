package io.tributary.templating;

/**
 * A template that cannot render: bad syntax, an unknown helper, or a helper given wrong input. The
 * message names the problem and the template. It is an IllegalArgumentException because the adaptor
 * SPI ({@code io.tributary.adaptors.Templating}) promises that type to adaptors.
 */
public final class TemplateException extends IllegalArgumentException {
  public TemplateException(String message) {
    super(message);
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}

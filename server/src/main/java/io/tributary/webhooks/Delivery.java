package io.tributary.webhooks;

import java.util.Locale;
import java.util.function.Function;

/**
 * One request to a listener, as the checks and the body reader need it: the secret of a secret URL
 * (null on the plain URL), header and query lookups, the raw body and its content type.
 */
record Delivery(
    String pathSecret,
    Function<String, String> header,
    Function<String, String> query,
    byte[] body,
    String contentType) {

  /** Whether the body is a form ({@code application/x-www-form-urlencoded}). */
  boolean isForm() {
    if (contentType == null) return false;
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    return type.toLowerCase(Locale.ROOT).equals("application/x-www-form-urlencoded");
  }
}

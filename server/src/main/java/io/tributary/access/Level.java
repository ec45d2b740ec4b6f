package io.tributary.access;

import java.util.Locale;

/** What a caller may do with what it can see, weakest first: read and run, change, administer. */
public enum Level {
  MONITOR,
  MANAGE,
  ADMIN;

  public boolean atLeast(Level other) {
    return compareTo(other) >= 0;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code "manage"} or {@code "monitor"} (and {@code "administrator"} for people), else null. */
  public static Level parse(String text) {
    if (text == null) return null;
    return switch (text) {
      case "monitor" -> MONITOR;
      case "manage" -> MANAGE;
      case "administrator", "admin" -> ADMIN;
      default -> null;
    };
  }
}

package io.tributary.adaptors;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Takes a connection's secret values out of text that leaves the adaptor: error messages, record
 * errors, causes. A template can put a secret anywhere (a URL the target echoes in its error, a
 * header a driver quotes), so what comes back is searched for each secret and for the forms it
 * travels in (URL-encoded, JSON-escaped), and each is replaced by {@code "******"}.
 *
 * <p>Values shorter than {@link #MIN_LENGTH} are not searched for: replacing every "a" would make
 * messages unreadable and hides nothing worth hiding. Immutable and thread-safe.
 */
public final class Redactor {
  public static final int MIN_LENGTH = 4;
  public static final String MASK = "******";
  public static final Redactor NONE = new Redactor(List.of());

  private final List<String> needles;

  private Redactor(List<String> needles) {
    this.needles = needles;
  }

  /**
   * Hides each of {@code secrets} in the forms a request carries it. {@code pairs} are
   * "user:password" strings whose base64 (Basic auth) is hidden too.
   */
  public static Redactor of(Collection<String> secrets, Collection<String> pairs) {
    Set<String> forms = new LinkedHashSet<>();
    for (String s : secrets) {
      if (s == null || s.length() < MIN_LENGTH) continue;
      forms.add(s);
      forms.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
      forms.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
      forms.add(jsonEscaped(s));
    }
    for (String p : pairs)
      forms.add(Base64.getEncoder().encodeToString(p.getBytes(StandardCharsets.UTF_8)));
    forms.removeIf(f -> f.length() < MIN_LENGTH);
    // Longest first: a secret that contains another is replaced whole.
    return new Redactor(
        forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
  }

  public boolean isEmpty() {
    return needles.isEmpty();
  }

  public String apply(String text) {
    if (text == null || needles.isEmpty()) return text;
    String out = text;
    for (String n : needles) if (out.contains(n)) out = out.replace(n, MASK);
    return out;
  }

  public RecordError apply(RecordError e) {
    if (e == null || needles.isEmpty()) return e;
    return new RecordError(e.code(), apply(e.message()), e.source(), e.retryable());
  }

  /** The same failure, its message and every message of its causes redacted (stack traces kept). */
  public AdaptorException apply(AdaptorException e) {
    if (needles.isEmpty()) return e;
    AdaptorException out =
        new AdaptorException(e.kind(), e.code(), apply(e.getMessage()), cause(e.getCause(), 0));
    out.setStackTrace(e.getStackTrace());
    return out;
  }

  /** Any other throwable from an adaptor, as the runtime exception the engine would have seen. */
  public RuntimeException apply(RuntimeException e) {
    if (e instanceof AdaptorException a) return apply(a);
    if (needles.isEmpty()) return e;
    return (RuntimeException) cause(e, 0);
  }

  private Throwable cause(Throwable t, int depth) {
    if (t == null || depth > 8) return null;
    Redacted r =
        new Redacted(
            t.getClass().getName() + ": " + apply(t.getMessage()), cause(t.getCause(), depth + 1));
    r.setStackTrace(t.getStackTrace());
    return r;
  }

  private static String jsonEscaped(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '/' -> b.append("\\/");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.toString();
  }

  /** Stands for a cause whose message was redacted; its class name leads the message. */
  static final class Redacted extends RuntimeException {
    Redacted(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

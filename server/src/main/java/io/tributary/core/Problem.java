package io.tributary.core;

import java.util.List;

/**
 * What went wrong with a request, said without HTTP: the domain throws one of these and the HTTP
 * layer ({@code web.ErrorMapper}) alone turns each kind into a status and the error envelope.
 * Unchecked, few, and closed: a new kind is a decision, so the mapper's switch must name it.
 */
public abstract sealed class Problem extends RuntimeException
    permits Problem.NotFound,
        Problem.Malformed,
        Problem.Invalid,
        Problem.Conflict,
        Problem.TooLarge {
  private final List<ErrorItem> errors;

  private Problem(List<ErrorItem> errors) {
    super(errors.isEmpty() ? "problem" : errors.get(0).message());
    this.errors = List.copyOf(errors);
  }

  public List<ErrorItem> errors() {
    return errors;
  }

  /** The thing named does not exist (or is not visible to the caller). */
  public static final class NotFound extends Problem {
    public NotFound(String what) {
      super(List.of(new ErrorItem("not_found", what + " not found", null)));
    }
  }

  /** The request itself cannot be read: bad JSON, a malformed query parameter. */
  public static final class Malformed extends Problem {
    public Malformed(String code, String message) {
      this(code, message, null);
    }

    public Malformed(String code, String message, String field) {
      super(List.of(new ErrorItem(code, message, field)));
    }
  }

  /** The request was read but what it asks for is not acceptable; each item names its field. */
  public static final class Invalid extends Problem {
    public Invalid(List<ErrorItem> errors) {
      super(errors);
    }

    public Invalid(String code, String message, String field) {
      this(List.of(new ErrorItem(code, message, field)));
    }
  }

  /** The request clashes with the current state (e.g. deleting a resource still in use). */
  public static final class Conflict extends Problem {
    public Conflict(String code, String message) {
      super(List.of(new ErrorItem(code, message, null)));
    }
  }

  /** What was sent is larger than the server accepts. */
  public static final class TooLarge extends Problem {
    public TooLarge(String message) {
      super(List.of(new ErrorItem("payload_too_large", message, null)));
    }
  }

  public static NotFound notFound(String what) {
    return new NotFound(what);
  }

  public static Malformed badRequest(String code, String message) {
    return new Malformed(code, message);
  }

  public static Invalid invalid(String code, String message, String field) {
    return new Invalid(code, message, field);
  }
}

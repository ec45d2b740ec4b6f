package io.tributary.web;

import io.tributary.core.ErrorItem;
import java.util.List;

/**
 * The one exception the HTTP layer turns into an error envelope. Every 4xx the API answers is one
 * of these; {@link ErrorMapper} renders it as {@code {"errors":[...]}}.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final List<ErrorItem> errors;

  public ApiException(int status, List<ErrorItem> errors) {
    super(errors.isEmpty() ? "status " + status : errors.get(0).message());
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public ApiException(int status, String code, String message) {
    this(status, List.of(new ErrorItem(code, message, null)));
  }

  public ApiException(int status, String code, String message, String field) {
    this(status, List.of(new ErrorItem(code, message, field)));
  }

  public int status() {
    return status;
  }

  public List<ErrorItem> errors() {
    return errors;
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " not found");
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  public static ApiException invalid(String code, String message, String field) {
    return new ApiException(422, code, message, field);
  }
}

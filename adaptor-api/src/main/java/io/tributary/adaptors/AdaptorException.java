package io.tributary.adaptors;

/**
 * A failure of a whole adaptor call (not of one record). {@link Kind#TRANSIENT} may succeed when
 * retried (timeouts, 429, 5xx after the adaptor's own retries); {@link Kind#AUTH} means the system
 * refused the credentials: the job fails and the connection goes offline; {@link Kind#FATAL} means
 * the configuration or the response cannot work (bad URL, not JSON, wrong resourcePath): the job
 * fails with the message; {@link Kind#CANCELED} means the call stopped because the job was canceled
 * (code {@code canceled}): the job ends canceled, not failed.
 */
public class AdaptorException extends RuntimeException {
  public enum Kind {
    TRANSIENT,
    AUTH,
    FATAL,
    CANCELED
  }

  private final Kind kind;
  private final String code;

  public AdaptorException(Kind kind, String code, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.code = code;
  }

  public AdaptorException(Kind kind, String code, String message) {
    this(kind, code, message, null);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return kind == Kind.TRANSIENT;
  }
}

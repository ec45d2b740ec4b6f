package io.tributary.scripting;

/**
 * Why a script call gave no answer. {@link #code()} is {@code script_timeout} (past its time
 * budget), {@code script_memory} (past its memory), {@code script_error} (the script threw or its
 * answer is not JSON; the message is the script's) or {@code script_missing} (no such script or
 * function).
 */
public final class ScriptFailure extends Exception {
  public static final String TIMEOUT = "script_timeout";
  public static final String MEMORY = "script_memory";
  public static final String ERROR = "script_error";
  public static final String MISSING = "script_missing";

  private final String code;

  public ScriptFailure(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}

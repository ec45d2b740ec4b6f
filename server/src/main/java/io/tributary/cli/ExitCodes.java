package io.tributary.cli;

/** The CLI's exit codes: scripts branch on them, so they are part of its contract (README). */
final class ExitCodes {
  static final int OK = 0;

  /** The server answered with an error (4xx other than 401/403, 5xx), or a push failed. */
  static final int API_ERROR = 1;

  /** A command line picocli could not parse (its own convention). */
  static final int USAGE = 2;

  /** No answer: the server is down, the URL is wrong, or the connection timed out. */
  static final int UNREACHABLE = 3;

  /** The token is missing, wrong, revoked (401) or may not do this (403). */
  static final int AUTH = 4;

  /** {@code flows run --wait}: the job failed, was canceled or completed with record errors. */
  static final int JOB_NOT_CLEAN = 5;

  /** {@code flows run --wait}: the job was still running when the timeout passed. */
  static final int JOB_TIMEOUT = 6;

  private ExitCodes() {}
}

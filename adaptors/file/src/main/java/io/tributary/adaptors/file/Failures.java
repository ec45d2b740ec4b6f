package io.tributary.adaptors.file;

import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorException.Kind;
import java.io.IOException;
import org.apache.sshd.sftp.common.SftpException;

/**
 * How a failure talking to a file server becomes an {@link AdaptorException} that says what to do.
 */
final class Failures {
  private Failures() {}

  /** The server refused the credentials. */
  static final class LoginRefused extends IOException {
    LoginRefused(String message) {
      super(message);
    }
  }

  /**
   * The server answered a command with a refusal (no such file, permission denied): retrying will
   * not help.
   */
  static final class Refused extends IOException {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * Refused credentials are AUTH (the job fails, the connection goes offline); a server that said
   * no to a command or a key that cannot be read is FATAL; anything else (unreachable, a timeout, a
   * dropped connection) is TRANSIENT.
   */
  static AdaptorException of(FtpSettings s, String what, IOException e) {
    String message = (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c instanceof java.net.ConnectException || c instanceof java.net.UnknownHostException) {
        return new AdaptorException(
            Kind.TRANSIENT, "unreachable", s.describe() + " is unreachable: " + c.getMessage(), e);
      }
    }
    return switch (e) {
      case LoginRefused r -> new AdaptorException(Kind.AUTH, "auth_failed", message, e);
      case SftpFiles.KeyException k ->
          new AdaptorException(Kind.FATAL, "invalid_auth_key", message, e);
      case Refused r ->
          new AdaptorException(Kind.FATAL, "file_refused", s.describe() + ": " + message, e);
      case SftpException x ->
          new AdaptorException(
              Kind.FATAL, "file_refused", s.describe() + " could not " + what + ": " + message, e);
      case java.net.UnknownHostException u ->
          new AdaptorException(
              Kind.TRANSIENT, "unreachable", s.describe() + " is unknown: " + message, e);
      case java.net.ConnectException c ->
          new AdaptorException(
              Kind.TRANSIENT, "unreachable", s.describe() + " is unreachable: " + message, e);
      default ->
          new AdaptorException(
              Kind.TRANSIENT,
              "file_transfer_failed",
              s.describe() + " failed to " + what + ": " + message,
              e);
    };
  }
}

package io.tributary.adaptors.file;

import io.tributary.adaptors.AdaptorException;
import java.io.IOException;
import java.time.Duration;
import org.apache.sshd.client.SshClient;

/**
 * Opens logged-in sessions with file servers. SFTP sessions share one SSH client (its I/O threads),
 * started with the first SFTP connection and stopped when the adaptor closes.
 */
final class Connector implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private SshClient ssh;

  /** A session with the server of {@code s}; an {@link AdaptorException} says why there is none. */
  RemoteFiles connect(FtpSettings s) {
    try {
      return switch (s.protocol()) {
        case SFTP -> SftpFiles.open(ssh(), s, TIMEOUT);
        case FTP, FTPS -> FtpFiles.open(s, TIMEOUT);
      };
    } catch (IOException e) {
      throw Failures.of(s, "connect", e);
    }
  }

  private synchronized SshClient ssh() {
    if (ssh == null) {
      SshClient client = SshClient.setUpDefaultClient();
      // D25 gives an ftp connection no host key to pin, so the server's key is not checked (as integrator.io).
      client.setServerKeyVerifier((session, address, key) -> true);
      client.start();
      ssh = client;
    }
    return ssh;
  }

  @Override
  public synchronized void close() {
    if (ssh == null) return;
    try {
      ssh.stop();
    } catch (RuntimeException ignored) {
      // shutting down
    }
    ssh = null;
  }
}

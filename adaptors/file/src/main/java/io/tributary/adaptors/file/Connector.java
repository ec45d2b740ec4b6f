package io.tributary.adaptors.file;

import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.NetworkGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.apache.sshd.client.SshClient;

/**
 * Opens logged-in sessions with file servers. SFTP sessions share one SSH client (its I/O threads),
 * started with the first SFTP connection and stopped when the adaptor closes.
 */
final class Connector implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final NetworkGuard guard;
  private SshClient ssh;

  Connector(NetworkGuard guard) {
    this.guard = guard;
  }

  /**
   * A session with the server of {@code s}; an {@link AdaptorException} says why there is none. The
   * host is checked by the {@link NetworkGuard} and the address it resolved to is the one connected
   * to (a name cannot resolve elsewhere in between).
   */
  RemoteFiles connect(FtpSettings s) {
    InetAddress address = guard.check(s.host()).get(0);
    try {
      return switch (s.protocol()) {
        case SFTP -> SftpFiles.open(ssh(), s, address, TIMEOUT);
        case FTP, FTPS -> FtpFiles.open(s, address, TIMEOUT);
      };
    } catch (IOException e) {
      throw Failures.of(s, "connect", e);
    }
  }

  private synchronized SshClient ssh() {
    if (ssh == null) {
      SshClient client = SshClient.setUpDefaultClient();
      // D25 gives an ftp connection no host key to pin, so the server's key is not checked (as
      // integrator.io).
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

package io.tributary.adaptors.file;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/** SFTP through Apache MINA SSHD: one SSH session and its SFTP channel. */
final class SftpFiles implements RemoteFiles {
  /**
   * Bytes per SFTP read/write request; OpenSSH serves up to 255 KiB, and larger ones cut round
   * trips.
   */
  private static final int BUFFER = 128 * 1024;

  private final ClientSession session;
  private final SftpClient sftp;

  private SftpFiles(ClientSession session, SftpClient sftp) {
    this.session = session;
    this.sftp = sftp;
  }

  /** Connects and logs in with the password or the private key (a key is tried first). */
  static SftpFiles open(SshClient client, FtpSettings s, InetAddress address, Duration timeout)
      throws IOException {
    ClientSession session =
        client
            .connect(s.username(), new InetSocketAddress(address, s.port()))
            .verify(timeout)
            .getSession();
    try {
      if (s.authKey() != null) {
        for (KeyPair k : keys(s)) session.addPublicKeyIdentity(k);
      }
      if (s.password() != null) session.addPasswordIdentity(s.password());
      try {
        session.auth().verify(timeout);
      } catch (IOException e) {
        // A refused login leaves the session open for another try; a failed key exchange or a drop
        // closes it.
        if (!session.isOpen()) throw e;
        throw new Failures.LoginRefused(
            s.describe() + " refused the login of " + s.username() + ": " + e.getMessage());
      }
      return new SftpFiles(session, SftpClientFactory.instance().createSftpClient(session));
    } catch (IOException | RuntimeException e) {
      session.close(true);
      throw e;
    }
  }

  private static Iterable<KeyPair> keys(FtpSettings s) throws IOException {
    try {
      return SecurityUtils.loadKeyPairIdentities(
          null,
          NamedResource.ofName("ftp.authKey"),
          new ByteArrayInputStream(s.authKey().getBytes(StandardCharsets.UTF_8)),
          FilePasswordProvider.of(s.passphrase()));
    } catch (GeneralSecurityException e) {
      throw new KeyException(
          "ftp.authKey could not be read (wrong passphrase or not a PEM private key): "
              + e.getMessage(),
          e);
    }
  }

  /** A private key that cannot be used: a configuration error, not an I/O one. */
  static final class KeyException extends IOException {
    KeyException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Override
  public List<Entry> list(String directory) throws IOException {
    List<Entry> files = new ArrayList<>();
    for (SftpClient.DirEntry e : sftp.readDir(directory.isEmpty() ? "." : directory)) {
      if (e.getAttributes().isRegularFile())
        files.add(new Entry(e.getFilename(), e.getAttributes().getSize()));
    }
    files.sort(Comparator.comparing(Entry::name));
    return files;
  }

  @Override
  public InputStream read(String path) throws IOException {
    return sftp.read(path, BUFFER);
  }

  @Override
  public OutputStream write(String path) throws IOException {
    return sftp.write(path, BUFFER);
  }

  @Override
  public void rename(String from, String to) throws IOException {
    OpenSSHPosixRenameExtension posix = sftp.getExtension(OpenSSHPosixRenameExtension.class);
    if (posix != null && posix.isSupported()) {
      posix.posixRename(from, to); // atomic, replaces the target
      return;
    }
    try {
      sftp.remove(to);
    } catch (SftpException e) {
      if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) throw e;
    }
    sftp.rename(from, to);
  }

  @Override
  public void delete(String path) throws IOException {
    sftp.remove(path);
  }

  @Override
  public void mkdirs(String directory) throws IOException {
    String path = "";
    for (String part : directory.split("/")) {
      if (part.isEmpty()) {
        if (path.isEmpty()) path = "/";
        continue;
      }
      path = path.isEmpty() || path.equals("/") ? path + part : path + "/" + part;
      try {
        sftp.stat(path);
      } catch (SftpException missing) {
        if (missing.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) throw missing;
        sftp.mkdir(path);
      }
    }
  }

  @Override
  public void close() {
    try {
      sftp.close();
    } catch (IOException | RuntimeException ignored) {
      // the session is closed next anyway
    }
    session.close(true);
  }
}

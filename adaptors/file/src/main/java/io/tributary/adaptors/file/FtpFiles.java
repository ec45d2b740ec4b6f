package io.tributary.adaptors.file;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;

/** FTP and explicit FTPS (AUTH TLS, private data channel) through Apache Commons Net. */
final class FtpFiles implements RemoteFiles {
  private final FTPClient ftp;

  private FtpFiles(FTPClient ftp) {
    this.ftp = ftp;
  }

  static FtpFiles open(FtpSettings s, InetAddress address, Duration timeout) throws IOException {
    FTPClient ftp =
        s.protocol() == FtpSettings.Protocol.FTPS ? new FTPSClient(false) : new FTPClient();
    ftp.setConnectTimeout((int) timeout.toMillis());
    ftp.setDefaultTimeout((int) timeout.toMillis());
    ftp.setDataTimeout(timeout);
    ftp.setControlKeepAliveTimeout(Duration.ofSeconds(60));
    ftp.setBufferSize(128 * 1024);
    try {
      // Data connections go to the control connection's (checked) address, whatever a PASV reply
      // names: a server cannot send us to another host.
      ftp.setPassiveNatWorkaroundStrategy(replied -> address.getHostAddress());
      ftp.connect(address, s.port());
      if (!FTPReply.isPositiveCompletion(ftp.getReplyCode()))
        throw new IOException(s.describe() + " refused the connection: " + reply(ftp));
      if (ftp instanceof FTPSClient tls) {
        tls.execPBSZ(0);
        tls.execPROT("P"); // the data channel is encrypted too
      }
      if (!ftp.login(s.username(), s.password() == null ? "" : s.password())) {
        throw new Failures.LoginRefused(
            s.describe() + " refused the login of " + s.username() + ": " + reply(ftp));
      }
      if (s.passive()) ftp.enterLocalPassiveMode();
      else ftp.enterLocalActiveMode();
      ftp.setFileType(FTP.BINARY_FILE_TYPE);
      return new FtpFiles(ftp);
    } catch (IOException | RuntimeException e) {
      disconnect(ftp);
      throw e;
    }
  }

  private static String reply(FTPClient ftp) {
    String r = ftp.getReplyString();
    return r == null ? "(no reply)" : r.trim();
  }

  @Override
  public List<Entry> list(String directory) throws IOException {
    FTPFile[] listed = ftp.mlistDir(directory);
    if (listed == null || !FTPReply.isPositiveCompletion(ftp.getReplyCode()))
      listed = ftp.listFiles(directory);
    check("list " + directory);
    List<Entry> files = new ArrayList<>();
    for (FTPFile f : listed)
      if (f != null && f.isFile()) files.add(new Entry(f.getName(), f.getSize()));
    files.sort(Comparator.comparing(Entry::name));
    return files;
  }

  @Override
  public InputStream read(String path) throws IOException {
    InputStream in = ftp.retrieveFileStream(path);
    if (in == null) throw new Failures.Refused("could not read " + path + ": " + reply(ftp));
    return new FilterInputStream(in) {
      @Override
      public void close() throws IOException {
        super.close();
        finish("read " + path);
      }
    };
  }

  @Override
  public OutputStream write(String path) throws IOException {
    OutputStream out = ftp.storeFileStream(path);
    if (out == null) throw new Failures.Refused("could not write " + path + ": " + reply(ftp));
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len); // FilterOutputStream writes byte by byte
      }

      @Override
      public void close() throws IOException {
        super.close();
        finish("write " + path);
      }
    };
  }

  /** Reads the transfer's closing reply; a transfer the server did not complete is an error. */
  private void finish(String what) throws IOException {
    if (!ftp.completePendingCommand())
      throw new Failures.Refused("could not " + what + ": " + reply(ftp));
  }

  @Override
  public void rename(String from, String to) throws IOException {
    if (ftp.rename(from, to)) return;
    ftp.deleteFile(to); // servers that refuse to replace: remove the old target, then rename
    if (!ftp.rename(from, to))
      throw new Failures.Refused("could not rename " + from + " to " + to + ": " + reply(ftp));
  }

  @Override
  public void delete(String path) throws IOException {
    if (!ftp.deleteFile(path))
      throw new Failures.Refused("could not delete " + path + ": " + reply(ftp));
  }

  @Override
  public void mkdirs(String directory) throws IOException {
    String path = directory.startsWith("/") ? "" : null;
    for (String part : directory.split("/")) {
      if (part.isEmpty()) continue;
      path = path == null ? part : path + "/" + part;
      if (!ftp.makeDirectory(path) && !exists(path))
        throw new Failures.Refused("could not create " + path + ": " + reply(ftp));
    }
  }

  private boolean exists(String directory) throws IOException {
    String here = ftp.printWorkingDirectory();
    boolean ok = ftp.changeWorkingDirectory(directory);
    if (ok) ftp.changeWorkingDirectory(here);
    return ok;
  }

  private void check(String what) throws IOException {
    if (!FTPReply.isPositiveCompletion(ftp.getReplyCode()))
      throw new Failures.Refused("could not " + what + ": " + reply(ftp));
  }

  @Override
  public void close() {
    try {
      if (ftp.isConnected()) ftp.logout();
    } catch (IOException ignored) {
      // disconnecting anyway
    }
    disconnect(ftp);
  }

  private static void disconnect(FTPClient ftp) {
    try {
      if (ftp.isConnected()) ftp.disconnect();
    } catch (IOException ignored) {
      // nothing more to release
    }
  }
}

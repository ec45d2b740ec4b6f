package io.tributary.adaptors.file.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Real file servers for tests: OpenSSH's {@code sshd} (SFTP) and {@code vsftpd} (FTP, and FTPS with
 * a self-signed certificate made here), started by the test on loopback high ports with their own
 * configuration, host key, chroot directory and test user, and stopped by {@link #close()}, which
 * also removes what they used. The servers run as root (sshd needs it to log users in), so outside
 * root, or without the Debian packages {@code openssh-server} and {@code vsftpd}, tests skip with a
 * message, and fail in CI ({@code CI=true}).
 *
 * <p>Every server of one instance serves the same chroot directory {@link #root()}: a path {@code
 * /in/a.csv} on the server is {@code root().resolve("in/a.csv")} here.
 */
public final class LocalFileServers implements AutoCloseable {
  public static final String USER = "tributary-ftp";
  public static final String PASSWORD = "tributary-test-only-4f7c";
  private static final Path BASE =
      Path.of("/var/lib/tributary-tests"); // chroot paths must be root-owned all the way up
  private final Path dir;
  private final Path root;
  private final List<Process> processes = new ArrayList<>();
  private int sftpPort = -1;
  private int ftpPort = -1;
  private int ftpsPort = -1;
  private String clientKey;
  private String clientKeyPassphrase;

  private LocalFileServers(Path dir) {
    this.dir = dir;
    this.root = dir.resolve("root");
  }

  /**
   * Prepares a chroot directory and the test user; start servers with {@link #startSftp()} and
   * friends. Without the binaries or outside root the test skips (fails in CI).
   */
  public static LocalFileServers create() {
    String missing = missing();
    if (missing != null) require(false, missing);
    return prepare();
  }

  /** Why the servers cannot run here, or null when they can. */
  public static String missing() {
    if (!Files.isExecutable(Path.of("/usr/sbin/sshd"))
        || !Files.isExecutable(Path.of("/usr/sbin/vsftpd"))) {
      return "sshd or vsftpd is not installed (apt-get install -y openssh-server vsftpd)";
    }
    if (!"root".equals(System.getProperty("user.name")))
      return "the test file servers must run as root (sshd logs users in)";
    return null;
  }

  /** Like {@link #create()} without JUnit (benchmarks): throws when the servers cannot run here. */
  public static LocalFileServers prepare() {
    String missing = missing();
    if (missing != null) throw new IllegalStateException(missing);
    try {
      Files.createDirectories(BASE);
      Path dir = Files.createTempDirectory(BASE, "srv-");
      LocalFileServers s = new LocalFileServers(dir);
      Files.createDirectories(s.root);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(s.root, PosixFilePermissions.fromString("rwxr-xr-x"));
      ensureUser();
      return s;
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not prepare the test file servers: " + e.getMessage(), e);
    }
  }

  private static void require(boolean ok, String why) {
    if (ok) return;
    if ("true".equalsIgnoreCase(System.getenv("CI")))
      fail(why + " (CI=true: tests that need it fail instead of skipping)");
    Assumptions.abort(why + " — skipping");
  }

  /**
   * The test user exists (created once, with no home and a shell vsftpd accepts) and has the test
   * password.
   */
  private static synchronized void ensureUser() throws IOException {
    if (run("id", "-u", USER) != 0)
      run("useradd", "--system", "--no-create-home", "--home-dir", "/", "--shell", "/bin/sh", USER);
    Process p = new ProcessBuilder("chpasswd").redirectErrorStream(true).start();
    p.getOutputStream().write((USER + ":" + PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    if (waitFor(p) != 0)
      throw new IOException(
          "chpasswd failed: "
              + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** The server's root directory as seen here. */
  public Path root() {
    return root;
  }

  /**
   * A directory under the root the test user owns (a path such as {@code in} or {@code
   * out/backup}).
   */
  public Path directory(String relative) {
    try {
      Path d = root.resolve(relative);
      Files.createDirectories(d);
      for (Path p = d; !p.equals(root); p = p.getParent()) run("chown", USER, p.toString());
      return d;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public int sftpPort() {
    return sftpPort;
  }

  public int ftpPort() {
    return ftpPort;
  }

  public int ftpsPort() {
    return ftpsPort;
  }

  /**
   * The PEM (OpenSSH format) private key the SFTP server accepts for the test user, encrypted with
   * {@link #clientKeyPassphrase()}.
   */
  public String clientKey() {
    return clientKey;
  }

  public String clientKeyPassphrase() {
    return clientKeyPassphrase;
  }

  /**
   * Starts sshd serving SFTP only, chrooted, accepting the test user's password and {@link
   * #clientKey()}.
   */
  public LocalFileServers startSftp() throws IOException {
    Path hostKey = dir.resolve("ssh_host_ed25519_key");
    keygen("ed25519", hostKey, "");
    Path userKey = dir.resolve("client_key");
    clientKeyPassphrase = "key-pass-" + Long.toHexString(System.nanoTime());
    keygen("ed25519", userKey, clientKeyPassphrase);
    clientKey = Files.readString(userKey);
    Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
    Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
    sftpPort = freePort();
    Path config = dir.resolve("sshd_config");
    Files.writeString(
        config,
        String.join(
            "\n",
            "Port " + sftpPort,
            "ListenAddress 127.0.0.1",
            "HostKey " + hostKey,
            "PidFile " + dir.resolve("sshd.pid"),
            "UsePAM no",
            "PasswordAuthentication yes",
            "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes",
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "StrictModes no",
            "PermitRootLogin no",
            "AllowUsers " + USER,
            "Subsystem sftp internal-sftp",
            "ChrootDirectory " + root,
            "ForceCommand internal-sftp",
            "LogLevel ERROR",
            "MaxStartups 50",
            "MaxSessions 50",
            ""));
    start(List.of("/usr/sbin/sshd", "-D", "-e", "-f", config.toString()), sftpPort, "sshd");
    return this;
  }

  /** Starts vsftpd serving plain FTP (passive mode) in the chroot. */
  public LocalFileServers startFtp() throws IOException {
    ftpPort = freePort();
    start(vsftpd("plain", ftpPort, List.of()), ftpPort, "vsftpd");
    return this;
  }

  /**
   * Starts vsftpd serving explicit FTPS only (logins and data must be encrypted), with a
   * self-signed certificate.
   */
  public LocalFileServers startFtps() throws IOException {
    Path key = dir.resolve("ftps-key.pem");
    Path cert = dir.resolve("ftps-cert.pem");
    check(
        run(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            key.toString(),
            "-out",
            cert.toString(),
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1"),
        "openssl req");
    ftpsPort = freePort();
    start(
        vsftpd(
            "tls",
            ftpsPort,
            List.of(
                "ssl_enable=YES",
                "rsa_cert_file=" + cert,
                "rsa_private_key_file=" + key,
                "force_local_logins_ssl=YES",
                "force_local_data_ssl=YES",
                "require_ssl_reuse=NO",
                "ssl_tlsv1=YES",
                "ssl_sslv2=NO",
                "ssl_sslv3=NO")),
        ftpsPort,
        "vsftpd (FTPS)");
    return this;
  }

  private List<String> vsftpd(String name, int port, List<String> extra) throws IOException {
    Path empty = dir.resolve("empty-" + name);
    Files.createDirectories(empty);
    int pasv = freePort();
    List<String> lines =
        new ArrayList<>(
            List.of(
                "listen=YES",
                "listen_ipv6=NO",
                "listen_address=127.0.0.1",
                "listen_port=" + port,
                "background=NO",
                "anonymous_enable=NO",
                "local_enable=YES",
                "write_enable=YES",
                "local_umask=022",
                "chroot_local_user=YES",
                "local_root=" + root,
                "pam_service_name=vsftpd",
                "userlist_enable=NO",
                "seccomp_sandbox=NO",
                "isolate=NO",
                "isolate_network=NO",
                "pasv_enable=YES",
                "pasv_address=127.0.0.1",
                "pasv_min_port=" + pasv,
                "pasv_max_port=" + pasv,
                "secure_chroot_dir=" + empty,
                "connect_from_port_20=NO",
                "xferlog_enable=NO",
                "dirmessage_enable=NO",
                "max_per_ip=0",
                "max_clients=0"));
    lines.addAll(extra);
    Path config = dir.resolve("vsftpd-" + name + ".conf");
    Files.writeString(config, String.join("\n", lines) + "\n");
    return List.of("/usr/sbin/vsftpd", config.toString());
  }

  private void start(List<String> command, int port, String what) throws IOException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(what.replace(' ', '_') + ".log").toFile())
            .start();
    processes.add(p);
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(
            what
                + " exited with "
                + p.exitValue()
                + ": "
                + Files.readString(dir.resolve(what.replace(' ', '_') + ".log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep();
      }
    }
    throw new IllegalStateException(what + " did not listen on port " + port + " within 15 s");
  }

  private static void sleep() {
    try {
      Thread.sleep(50); // polling a port that is not open yet; not waiting on a schedule
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void keygen(String type, Path file, String passphrase) throws IOException {
    check(
        run(
            "ssh-keygen",
            "-q",
            "-t",
            type,
            "-N",
            passphrase,
            "-C",
            "tributary-test",
            "-f",
            file.toString()),
        "ssh-keygen");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static int run(String... command) throws IOException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return waitFor(p);
  }

  private static int waitFor(Process p) throws IOException {
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("command timed out");
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void check(int exit, String what) throws IOException {
    if (exit != 0) throw new IOException(what + " failed with " + exit);
  }

  /** Stops the servers this instance started (and their children) and removes their directory. */
  @Override
  public void close() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory; nothing runs from it any more
    }
  }
}

package io.tributary.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.postgresql.PGConnection;

/**
 * W6's reference, in a JVM of its own: a hand-written program reading the CSV over SFTP (MINA SSHD,
 * 128 KiB requests), parsing it with FastCSV, applying the mapping by hand and loading PostgreSQL
 * with one COPY. Prints {@code rows seconds peakRssKb}.
 */
final class FilesReference {
  private FilesReference() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String user = args[1];
    String password = args[2];
    String path = args[3];
    String pgUrl = args[4];
    long t0 = System.nanoTime();
    long n;
    SshClient ssh = SshClient.setUpDefaultClient();
    ssh.setServerKeyVerifier((s, a, k) -> true);
    ssh.start();
    try (ClientSession session =
        ssh.connect(user, "127.0.0.1", port).verify(Duration.ofSeconds(30)).getSession()) {
      session.addPasswordIdentity(password);
      session.auth().verify(Duration.ofSeconds(30));
      try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
          InputStream in = new BufferedInputStream(sftp.read(path, 128 * 1024), 256 * 1024);
          Connection pg = DriverManager.getConnection(pgUrl, "postgres", "")) {
        n = copy(in, pg);
      }
    } finally {
      ssh.stop();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.println(
        n + " " + seconds + " " + RdbmsReference.peakRssKb(Path.of("/proc/self/status")));
  }

  /** Parses on this thread and streams COPY text to PostgreSQL on another through a pipe. */
  private static long copy(InputStream in, Connection pg) throws Exception {
    PipedReader pipeIn = new PipedReader(1 << 20);
    PipedWriter pipeOut = new PipedWriter(pipeIn);
    CompletableFuture<Long> copied =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return pg.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                        "copy bench_files_dst (id, full_name, email_lower, amount_cents) from stdin (format csv)",
                        pipeIn);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    long n = 0;
    try (Writer w = new java.io.BufferedWriter(pipeOut, 1 << 16);
        CsvReader<CsvRecord> csv =
            CsvReader.builder().ofCsvRecord(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      boolean header = true;
      for (CsvRecord r : csv) {
        if (header) {
          header = false;
          continue;
        }
        w.write(r.getField(0));
        w.write(",\"");
        w.write(r.getField(1).replace("\"", "\"\""));
        w.write("\",\"");
        w.write(r.getField(2).toLowerCase().replace("\"", "\"\""));
        w.write("\",");
        w.write(new BigDecimal(r.getField(3)).movePointRight(2).toBigInteger().toString());
        w.write('\n');
        n++;
      }
    }
    long rows = copied.get();
    if (rows != n) throw new IllegalStateException("COPY loaded " + rows + " of " + n + " rows");
    return n;
  }
}

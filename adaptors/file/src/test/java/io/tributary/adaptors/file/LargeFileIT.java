package io.tributary.adaptors.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.adaptors.file.testing.LocalFileServers;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Files are streamed: a CSV file of 256 MB is read through over SFTP by a JVM whose heap is 64 MB
 * (a quarter of the file), which a file read whole into memory would exhaust.
 */
class LargeFileIT {
  private static final long BYTES = 256L * 1024 * 1024;

  @Test
  void a256MbCsvFileIsReadThroughWithA64MbHeap() throws Exception {
    try (LocalFileServers servers = LocalFileServers.create().startSftp()) {
      Path in = servers.directory("large");
      long rows = write(in.resolve("big.csv"));
      String java = ProcessHandle.current().info().command().orElse("java");
      Process p =
          new ProcessBuilder(
                  java,
                  "-Xmx64m",
                  "-XX:+ExitOnOutOfMemoryError",
                  "-cp",
                  System.getProperty("java.class.path"),
                  LargeFileMain.class.getName(),
                  String.valueOf(servers.sftpPort()),
                  LocalFileServers.USER,
                  LocalFileServers.PASSWORD,
                  "/large")
              .redirectErrorStream(true)
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(10, TimeUnit.MINUTES))
          .as("the read finished within 10 minutes")
          .isTrue();
      String printed = new String(out, StandardCharsets.UTF_8).trim();
      assertThat(p.exitValue()).as(printed).isZero();
      String[] lines = printed.split("\n");
      assertThat(lines[lines.length - 1]).isEqualTo(rows + " " + rows);
    }
  }

  /** Rows of about 120 bytes up to {@link #BYTES}; answers how many. */
  private static long write(Path file) throws IOException {
    long n = 0;
    long bytes = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      String header = "id,name,email,amount,note\n";
      w.write(header);
      bytes += header.length();
      while (bytes < BYTES) {
        n++;
        String row =
            n
                + ",Name "
                + n
                + ",user"
                + n
                + "@example.com,"
                + (n % 10000) * 1.25
                + ",\"a note, quoted, to parse: "
                + (n * 31)
                + "\"\n";
        w.write(row);
        bytes += row.length();
      }
    }
    return n;
  }
}

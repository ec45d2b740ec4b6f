package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded H2 store is single-node (D26): a second process started on the same data directory
 * refuses to start and says why, instead of a bare H2 error.
 */
class EmbeddedStoreSingleNodeTest {
  @Test
  void aSecondProcessOnTheSameDataDirectoryFailsClearly() throws Exception {
    try (TestServer first = TestServer.start(false)) {
      ProcessBuilder pb =
          new ProcessBuilder(
              ProcessHandle.current().info().command().orElse("java"),
              "-Xmx128m",
              "-cp",
              System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
              "io.tributary.Main",
              "serve");
      pb.environment().put("TRIBUTARY_DATA_DIR", first.dataDir().toString());
      pb.environment().put("TRIBUTARY_MASTER_KEY", TestServer.MASTER_KEY);
      pb.environment().put("TRIBUTARY_HOST", "127.0.0.1");
      pb.environment().put("TRIBUTARY_PORT", "0");
      pb.environment().remove("TRIBUTARY_DB_URL");
      pb.redirectErrorStream(true);
      Process second = pb.start();
      boolean exited = second.waitFor(60, TimeUnit.SECONDS);
      if (!exited) second.destroyForcibly();
      String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(exited).as("the second process must stop by itself: " + output).isTrue();
      assertThat(second.exitValue()).as(output).isEqualTo(1);
      assertThat(output)
          .contains("is in use by another Tributary process")
          .contains("TRIBUTARY_DB_URL");
      // The first server is untouched.
      assertThat(first.client().get("/health").status()).isEqualTo(200);
    }
  }
}

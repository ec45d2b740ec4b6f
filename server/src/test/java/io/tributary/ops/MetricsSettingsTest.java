package io.tributary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.App;
import io.tributary.Settings;
import io.tributary.metrics.MetricsSettings;
import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TRIBUTARY_METRICS and TRIBUTARY_METRICS_PUBLIC, on a real server on embedded H2. */
class MetricsSettingsTest {
  @TempDir Path dir;

  @Test
  void settingsComeFromTheEnvironment() {
    assertThat(MetricsSettings.fromEnv(Map.of())).isEqualTo(new MetricsSettings(true, false));
    assertThat(
            MetricsSettings.fromEnv(
                Map.of("TRIBUTARY_METRICS", "false", "TRIBUTARY_METRICS_PUBLIC", "true")))
        .isEqualTo(new MetricsSettings(false, true));
  }

  @Test
  void publicMetricsNeedNoToken() throws IOException {
    withServer(
        new MetricsSettings(true, true),
        api -> {
          ApiClient.Response r = api.withToken(null).get("/metrics");
          assertThat(r.status()).isEqualTo(200);
          assertThat(r.body()).contains("jvm_memory_used_bytes");
          assertThat(api.withToken(null).get("/v1/flows").status())
              .as("the API still needs one")
              .isEqualTo(401);
        });
  }

  @Test
  void disabledMetricsServeNothingAndTheApiWorks() throws IOException {
    withServer(
        new MetricsSettings(false, false),
        api -> {
          assertThat(api.get("/metrics").status()).isEqualTo(404);
          assertThat(api.get("/v1/flows").status()).isEqualTo(204);
        });
  }

  private void withServer(MetricsSettings metrics, Consumer<ApiClient> check) throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Settings s =
        new Settings(
            0,
            "127.0.0.1",
            data,
            null,
            null,
            null,
            null,
            TestServer.ADMIN_TOKEN,
            TestServer.MASTER_KEY,
            1000,
            300);
    try (App app = App.start(s, Clock.systemUTC(), metrics)) {
      check.accept(new ApiClient("http://127.0.0.1:" + app.port(), TestServer.ADMIN_TOKEN));
    }
  }
}

package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.App;
import io.tributary.Settings;
import io.tributary.testing.ApiClient;
import io.tributary.web.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Absolute URLs the server hands out never come from the request's Host header. The signed URL is
 * tested; {@code Link} and {@code nextPageURL} are built by the same {@code Requests.origin}.
 */
class PublicUrlTest {
  private static final String TOKEN = "public-url-token-0123456789";

  private static Settings settings(Path dir, String publicUrl) {
    return new Settings(0, "127.0.0.1", dir, null, null, null, null, TOKEN, "k", 1000, 300)
        .withPublicUrl(publicUrl);
  }

  private static String get(int port, String path, String host) throws Exception {
    return get(port, path, host, "");
  }

  /** A raw HTTP/1.1 exchange: the JDK client will not send a Host header of our choosing. */
  private static String get(int port, String path, String host, String headers) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nAuthorization: Bearer "
                  + TOKEN
                  + "\r\n"
                  + headers
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      try (InputStream in = s.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  private static String flow(App app) {
    ApiClient api = new ApiClient("http://127.0.0.1:" + app.port(), TOKEN);
    for (int i = 0; i < 3; i++) api.post("/v1/flows", Json.parse("{\"name\":\"f" + i + "\"}"));
    return api.get("/v1/flows").json().get(0).get("_id").asText();
  }

  @Test
  void theHostHeaderDoesNotSteerSignedUrls(@TempDir Path dir) throws Exception {
    try (App app = App.start(settings(dir, null), Clock.systemUTC())) {
      String flow = flow(app);
      String answer =
          get(
              app.port(),
              "/v1/flows/" + flow + "/template",
              "evil.example",
              "X-Forwarded-Host: evil.example\r\n");
      assertThat(answer)
          .startsWith("HTTP/1.1 200")
          .contains("\"signedURL\":\"http://127.0.0.1:" + app.port() + "/v1/templates/download/")
          .doesNotContain("evil.example");
    }
  }

  @Test
  void thePublicUrlWhenConfiguredBuildsThem(@TempDir Path dir) throws Exception {
    try (App app = App.start(settings(dir, "https://tributary.example.com/"), Clock.systemUTC())) {
      String flow = flow(app);
      assertThat(get(app.port(), "/v1/flows/" + flow + "/template", "evil.example"))
          .contains("\"signedURL\":\"https://tributary.example.com/v1/templates/download/")
          .doesNotContain("evil.example");
    }
  }

  @Test
  void aTrustedProxysForwardedHeadersAreHonoured(@TempDir Path dir) throws Exception {
    try (App app =
        App.start(settings(dir, null).withTrustedProxies("127.0.0.0/8"), Clock.systemUTC())) {
      String flow = flow(app);
      String forwarded = "X-Forwarded-Proto: https\r\nX-Forwarded-Host: tributary.example.com\r\n";
      assertThat(get(app.port(), "/v1/flows/" + flow + "/template", "evil.example", forwarded))
          .contains("\"signedURL\":\"https://tributary.example.com/v1/templates/download/");
      assertThat(get(app.port(), "/v1/flows?limit=1", "evil.example", forwarded))
          .containsIgnoringCase("link: <https://tributary.example.com/v1/flows?");
    }
    try (App app =
        App.start(settings(dir, null).withTrustedProxies("10.0.0.0/8"), Clock.systemUTC())) {
      assertThat(
              get(
                  app.port(),
                  "/v1/flows?limit=1",
                  "evil.example",
                  "X-Forwarded-Host: tributary.example.com\r\n"))
          .containsIgnoringCase("link: <http://127.0.0.1:" + app.port() + "/v1/flows?")
          .doesNotContain("example");
    }
  }

  @Test
  void aMalformedPublicUrlRefusesToStart(@TempDir Path dir) {
    assertThatThrownBy(
            () -> App.start(settings(dir, "tributary.example.com?x=1"), Clock.systemUTC()))
        .hasMessageContaining("TRIBUTARY_PUBLIC_URL");
    assertThatThrownBy(
            () ->
                App.start(
                    settings(dir, null).withTrustedProxies("proxy.example"), Clock.systemUTC()))
        .hasMessageContaining("TRIBUTARY_TRUSTED_PROXIES");
  }
}

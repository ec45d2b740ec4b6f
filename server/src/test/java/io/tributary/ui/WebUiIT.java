package io.tributary.ui;

import static io.tributary.ui.Browser.button;
import static io.tributary.ui.Browser.link;
import static io.tributary.ui.Browser.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testing.LocalApi;
import io.tributary.testing.LocalApi.Response;
import io.tributary.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * The web UI in Chromium, as a person uses it: sign in (a wrong token first), create an
 * integration, an HTTP connection against a local API and test it, a script and an API token; then
 * the core loop ({@link FlowLoop}: build a flow through the forms, run it, watch its counts, fix
 * and retry one failed record, resolve another); no sideways scrolling at 390 px; sign in with
 * email and password. No console errors. Screenshots land in server/target/ui-screenshots.
 */
class WebUiIT {
  @Test
  void aPersonSignsInAndManagesIntegrationsConnectionsScriptsAndTokens() {
    try (TestServer server = TestServer.start(false);
        LocalApi remote = new LocalApi();
        Browser b = Browser.open("http://127.0.0.1:" + server.app().port())) {
      remote.on("GET", "/", r -> Response.ok("{}"));
      Sink sink = new Sink(remote);

      try {
        signIn(b);
        createIntegration(b);
        createConnection(b, remote.baseUrl());
        otherScreens(b);
        FlowLoop.buildRunAndFix(b, sink);
        phoneWidth(b);
        passwordSignIn(b, server);
      } catch (RuntimeException | AssertionError e) {
        sink.release();
        try {
          b.screenshot("failure");
          System.out.println(
              "ui: failed at "
                  + b.driver.getCurrentUrl()
                  + "; console: "
                  + b.consoleSinceLastCheck());
        } catch (RuntimeException unresponsive) {
          e.addSuppressed(unresponsive);
        }
        throw e;
      }
    }
  }

  private static void signIn(Browser b) {
    b.go("/");
    b.waitFor(button("Sign in"));
    Number firstScreen =
        (Number) b.js("return performance.getEntriesByName('tributary:first-screen')[0].startTime");
    Number js =
        (Number)
            b.js(
                "return performance.getEntriesByType('resource').filter(r => r.name.endsWith('.js'))"
                    + ".reduce((s, r) => s + r.encodedBodySize, 0)");
    System.out.printf(
        "ui: first screen rendered %.0f ms after navigation start; JavaScript transferred %d bytes%n",
        firstScreen.doubleValue(), js.longValue());
    assertThat(b.driver.getTitle()).isEqualTo("Tributary");
    b.screenshot("01-sign-in");
    b.assertNoConsoleErrors("the first screen");

    b.click(button("Sign in with an API token instead"));
    b.type("API token", "not-a-token");
    b.click(button("Sign in"));
    b.waitFor(text("That API token was not accepted"));
    b.consoleSinceLastCheck(); // Chromium logs the expected 401 of the wrong token as a failed load
    b.type("API token", TestServer.ADMIN_TOKEN);
    b.click(button("Sign in"));
    b.waitFor(By.xpath("//h1[.='Integrations']"));
    for (String nav : List.of("Integrations", "Connections", "Scripts", "Audit", "API tokens")) {
      assertThat(
              b.driver.findElements(
                  By.xpath("//nav[@aria-label='Main']//a[normalize-space()='" + nav + "']")))
          .hasSize(1);
    }
  }

  private static void createIntegration(Browser b) {
    b.type("New integration name", "Orders");
    b.click(button("Create integration"));
    b.waitFor(link("Orders"));
    b.screenshot("02-integrations");
    b.assertNoConsoleErrors("integrations");
  }

  private static void createConnection(Browser b, String baseUrl) {
    b.click(link("Connections"));
    b.click(button("New connection"));
    b.choose("Type", "HTTP");
    b.type("Name", "Local API");
    b.type("Base URI", baseUrl);
    b.click(button("Save"));
    b.waitUntil(
        "the saved connection's own page",
        () -> b.driver.getCurrentUrl().matches(".*/connections/[0-9a-f]{24}"));
    b.click(button("Test connection"));
    b.waitFor(text("Connection test succeeded"));
    b.screenshot("03-connection");
    b.click(link("Connections"));
    b.waitFor(link("Local API"));
    assertThat(b.pageText()).contains("online");
    b.assertNoConsoleErrors("connections");
  }

  private static void otherScreens(Browser b) {
    b.click(link("Scripts"));
    b.type("New script name", "Hooks");
    b.click(button("Create script"));
    b.waitFor(By.xpath("//h1[.='Script: Hooks']"));
    b.waitUntil(
        "the highlighted script",
        () -> b.editorText("Script (JavaScript)").contains("preSavePage"));
    b.screenshot("11-script");
    b.click(link("Audit"));
    b.waitFor(By.xpath("//td[.='create']"));
    b.screenshot("12-audit");
    b.click(link("API tokens"));
    b.type("Token name", "reporting");
    b.click(button("Create token"));
    b.waitFor(text("Copy it now"));
    b.screenshot("13-tokens");
    b.assertNoConsoleErrors("scripts, audit and tokens");
  }

  /**
   * A person invited through the API signs in with email and password (a wrong password first); a
   * change they make carries the session's CSRF token.
   */
  private static void passwordSignIn(Browser b, TestServer server) {
    var admin = server.client();
    var invited =
        admin.post("/v1/invite", Map.of("email", "ada@example.com", "accessLevel", "manage"));
    assertThat(invited.status()).as(invited.body()).isEqualTo(201);
    var password =
        admin.post(
            "/auth/password",
            Map.of(
                "token",
                invited.json().get("setPasswordToken").asText(),
                "password",
                "correct horse battery"));
    assertThat(password.status()).as(password.body()).isEqualTo(204);

    // From Integrations: a manage-level person may not list API tokens, which the last screen was.
    b.click(link("Integrations"));
    b.waitFor(By.xpath("//h1[.='Integrations']"));
    b.click(button("Sign out"));
    b.waitFor(button("Sign in with an API token instead"));
    b.type("Email", "ada@example.com");
    b.type("Password", "wrong horse battery");
    b.click(button("Sign in"));
    b.waitFor(text("The email or password is wrong."));
    b.consoleSinceLastCheck(); // the expected 401 of the wrong password
    b.type("Password", "correct horse battery");
    b.click(button("Sign in"));
    b.waitFor(By.xpath("//h1[.='Integrations']"));
    b.type("New integration name", "Signed in with a password");
    b.click(button("Create integration"));
    b.waitFor(link("Signed in with a password"));
    b.screenshot("14-password-sign-in");
    b.assertNoConsoleErrors("signing in with email and password");
  }

  private static void phoneWidth(Browser b) {
    b.driver.manage().window().setSize(new Dimension(390, 844));
    Map<String, String> screens =
        Map.of(
            "integrations",
            "/integrations",
            "connections",
            "/connections",
            "tokens",
            "/tokens",
            "audit",
            "/audit");
    screens.forEach(
        (name, path) -> {
          b.go(path);
          b.waitFor(By.tagName("h1"));
          b.waitUntil("the screen loaded", () -> !b.pageText().contains("Loading…"));
          assertThat(b.scrollsSideways()).as("%s scrolls sideways at 390 px", name).isFalse();
          b.screenshot("phone-" + name);
        });
    b.assertNoConsoleErrors("the phone-width screens");
  }
}

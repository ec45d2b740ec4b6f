package io.tributary.ui;

import static io.tributary.ui.Browser.button;
import static io.tributary.ui.Browser.link;
import static io.tributary.ui.Browser.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The core loop through the forms, as a person does it: a flow with a new export and a new import
 * on the local API, Run, the step's counts while it runs and once it ended, then its errors: one
 * record's retry data fixed in the editor and retried until it reaches the sink, another resolved,
 * both in the resolved list.
 */
final class FlowLoop {
  private static final String FLOW = "Orders to the sink";

  private FlowLoop() {}

  static void buildRunAndFix(Browser b, Sink sink) {
    build(b);
    run(b, sink);
    fixErrors(b, sink);
  }

  private static void build(Browser b) {
    b.click(link("Integrations"));
    b.click(link("Orders"));
    b.type("New flow name", FLOW);
    b.click(button("Create flow"));
    b.waitFor(heading(FLOW));

    b.choose("Add a source", "New export…");
    b.click(button("Add source"));
    b.waitFor(heading("New Export"));
    // Key presses here, with the JSON editor mounted, once hung Chromium's renderer (issue 17).
    b.type("Name", "Orders source");
    b.choose("Connection", "Local API (http)");
    b.type("Relative URI", "/records");
    b.type("Path to records (resourcePath)", "records");
    b.type("Page size", "5");
    // A filter keeping records whose name starts with "Customer" (all of them), previewed on
    // samples.
    b.click(button("Add filter rule"));
    b.typeIn(
        By.xpath("//*[@aria-label='Filter rule 1']//label[contains(.,'Field')]/input"), "name");
    new org.openqa.selenium.support.ui.Select(
            b.driver.findElement(
                By.xpath("//*[@aria-label='Filter rule 1']//label[contains(.,'Operator')]/select")))
        .selectByVisibleText("starts with");
    b.typeIn(
        By.xpath("//*[@aria-label='Filter rule 1']//label[contains(.,'Value')]/input"), "Customer");
    b.type("Sample record for the filter (JSON)", "{\"name\": \"Ada\"}");
    b.waitFor(text("The sample record is filtered out"));
    b.type("Sample record for the filter (JSON)", "{\"name\": \"Customer 1\"}");
    b.waitFor(text("The sample record passes"));
    // The preSavePage hook of the script made earlier, its function proposed from the hook's name.
    b.choose("preSavePage script", "Hooks");
    assertThat(b.field("preSavePage function").getAttribute("value")).isEqualTo("preSavePage");
    b.screenshot("04-export");
    b.click(button("Edit as JSON"));
    b.waitUntil(
        "the JSON editor showing the form's fields, the filter and the hook",
        () -> {
          String json = b.editorText("JSON");
          return json.contains("\"pageSize\": 5")
              && json.contains("startswith")
              && json.contains("_scriptId");
        });
    b.screenshot("04-export-json");
    b.click(button("Save"));
    b.waitFor(heading(FLOW));
    b.waitFor(link("Orders source"));

    b.choose("Add a step", "New import…");
    b.click(button("Add step"));
    b.waitFor(heading("New Import"));
    b.type("Name", "Sink");
    b.choose("Connection", "Local API (http)");
    b.type("Relative URI", "/sink");
    b.screenshot("05-import");
    b.click(button("Save"));
    b.waitFor(heading(FLOW));
    b.waitFor(link("Sink"));
    b.screenshot("06-flow");
    b.assertNoConsoleErrors("building a flow");
  }

  private static void run(Browser b, Sink sink) {
    // A flow made in the UI starts disabled, so it runs only once a person enables it.
    b.click(button("Enable"));
    b.waitUntil("the flow enabled", () -> b.driver.findElements(button("Enable")).isEmpty());
    b.click(button("Run"));
    // The sink holds the second page, so the first page's counts show while the job runs.
    b.waitUntil(
        "the first page's counts while the job runs",
        () -> status(b).equals("running") && count(b, "success") == 4 && count(b, "errors") == 1);
    b.screenshot("07-running");
    sink.release();
    b.waitUntil(
        "the counts once the job ended",
        () -> status(b).equals("completed") && count(b, "success") == 8 && count(b, "errors") == 2);
    assertThat(count(b, "ignored")).isZero();
    assertThat(sink.arrived()).hasSize(8);
    b.waitFor(stepLink("2 open errors"));
    b.screenshot("08-completed");
    b.assertNoConsoleErrors("running a flow");
  }

  private static void fixErrors(Browser b, Sink sink) {
    b.click(stepLink("2 open errors"));
    b.waitFor(heading("Open errors of Sink"));
    b.waitFor(openButton("3"));
    b.screenshot("09-errors");

    b.click(openButton("3"));
    b.waitUntil(
        "the failed record's data",
        () -> b.field("Record JSON").getAttribute("value").contains("customer3-at-example.com"));
    b.type("Record JSON", "{\"id\": 3, \"name\": \"Customer 3\", \"email\": \"c3@example.com\"}");
    b.screenshot("10-error-record");
    b.click(button("Retry"));
    b.waitFor(text("Retry finished: 1 succeeded"));
    assertThat(sink.arrived())
        .anyMatch(
            r -> r.get("id").asInt() == 3 && r.get("email").asText().equals("c3@example.com"));
    assertThat(b.driver.findElements(openButton("3")))
        .as("the retried error is no longer open")
        .isEmpty();

    b.click(openButton("8"));
    b.waitUntil(
        "the other record's data",
        () -> b.field("Record JSON").getAttribute("value").contains("customer8-at-example.com"));
    b.click(button("Resolve"));
    b.waitFor(text("0 open errors"));

    b.click(link("Resolved errors"));
    b.waitFor(heading("Resolved errors of Sink"));
    b.waitFor(row("3"));
    b.waitFor(row("8"));
    b.screenshot("11-resolved");
    b.assertNoConsoleErrors("fixing errors");
  }

  private static By heading(String text) {
    return By.xpath("//h1[normalize-space()='" + text + "']");
  }

  /** A link or button of the import step "Sink" on the flow page. */
  private static By stepLink(String name) {
    return By.xpath("//li[.//a[normalize-space()='Sink']]//a[normalize-space()='" + name + "']");
  }

  private static By row(String traceKey) {
    return By.xpath("//tr[td[@data-label='Trace key' and normalize-space()='" + traceKey + "']]");
  }

  private static By openButton(String traceKey) {
    return By.xpath(
        "//tr[td[@data-label='Trace key' and normalize-space()='"
            + traceKey
            + "']]//button[normalize-space()='Open']");
  }

  /** The count labelled {@code label} (success, errors, ignored) of the import step "Sink". */
  private static int count(Browser b, String label) {
    WebElement dd =
        b.driver.findElement(
            By.xpath(
                "//li[.//a[normalize-space()='Sink']]//dl//div[dt[normalize-space()='"
                    + label
                    + "']]/dd"));
    return Integer.parseInt(dd.getText().trim());
  }

  private static String status(Browser b) {
    var found =
        b.driver.findElements(
            By.xpath("//section[@aria-label='Latest job']//span[contains(@class,'status')]"));
    return found.isEmpty() ? "" : found.get(0).getText().trim();
  }
}

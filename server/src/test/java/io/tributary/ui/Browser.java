package io.tributary.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by Selenium the way a person uses the UI: by visible labels and button
 * names. Absent Chromium skips the test, except in CI where it fails.
 */
final class Browser implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String DRIVER = "/usr/bin/chromedriver";
  static final Path SHOTS = Path.of("target", "ui-screenshots");
  private static final Duration WAIT = Duration.ofSeconds(40);
  final ChromeDriver driver;
  private final String base;

  private Browser(ChromeDriver driver, String base) {
    this.driver = driver;
    this.base = base;
  }

  static Browser open(String base) {
    boolean present = new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(
          "Chromium and chromedriver are required in CI (apt-get install chromium chromium-driver)");
    }
    Assumptions.assumeTrue(
        present, "Chromium/chromedriver not installed: the browser tests are skipped");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,800");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 800));
    return new Browser(driver, base);
  }

  void go(String path) {
    driver.get(base + path);
  }

  WebElement waitFor(By by) {
    return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  void waitUntil(String what, java.util.function.BooleanSupplier condition) {
    new WebDriverWait(driver, WAIT)
        .withMessage(what)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> condition.getAsBoolean());
  }

  static By button(String name) {
    return By.xpath(
        "//button[normalize-space()="
            + quote(name)
            + "] | //a[contains(@class,'button') and normalize-space()="
            + quote(name)
            + "]");
  }

  static By link(String name) {
    return By.xpath("//a[normalize-space()=" + quote(name) + "]");
  }

  static By text(String contained) {
    // the innermost element whose text contains it (text split over several nodes counts)
    String has = "contains(normalize-space(.), " + quote(contained) + ")";
    return By.xpath("//body//*[" + has + " and not(*[" + has + "])]");
  }

  void click(By by) {
    new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  /** The form control whose label reads {@code label} exactly. */
  WebElement field(String label) {
    WebElement l = waitFor(By.xpath("//label[normalize-space()=" + quote(label) + "]"));
    return driver.findElement(By.id(l.getAttribute("for")));
  }

  void type(String label, String value) {
    // Keys, not clear(): the UI listens to input events, which clear() does not send.
    WebElement f = field(label);
    f.click();
    f.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    if (!value.isEmpty()) f.sendKeys(value);
  }

  void typeIn(By by, String value) {
    WebElement f = waitFor(by);
    f.click();
    f.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    if (!value.isEmpty()) f.sendKeys(value);
  }

  void choose(String label, String visibleText) {
    new org.openqa.selenium.support.ui.Select(field(label)).selectByVisibleText(visibleText);
  }

  /** The code editor (role textbox) labelled {@code label}: its text, or replaced by typing. */
  WebElement editor(String label) {
    return waitFor(By.cssSelector(".cm-content[aria-label='" + label + "']"));
  }

  void replaceEditor(String label, String text) {
    WebElement e = editor(label);
    e.click();
    e.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    e.sendKeys(text);
  }

  String editorText(String label) {
    return editor(label).getText();
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(SHOTS);
      Files.write(
          SHOTS.resolve(name + ".png"),
          ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Console messages since the last call (reading them empties the browser's buffer). */
  List<String> consoleSinceLastCheck() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::toString)
        .toList();
  }

  void assertNoConsoleErrors(String during) {
    assertThat(consoleSinceLastCheck()).as("browser console during " + during).isEmpty();
  }

  /** True when the page scrolls sideways (wider than the window). */
  boolean scrollsSideways() {
    return (Boolean)
        js("return document.documentElement.scrollWidth > document.documentElement.clientWidth");
  }

  private static String quote(String s) {
    return s.contains("'") ? "\"" + s + "\"" : "'" + s + "'";
  }

  /**
   * Quits the browser; when a hung renderer makes quit fail, the chromedriver and Chromium this
   * test JVM started (its descendants, nothing else) are ended so none is left running.
   */
  @Override
  public void close() {
    List<ProcessHandle> started =
        ProcessHandle.current()
            .descendants()
            .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
            .toList();
    try {
      driver.quit();
    } finally {
      started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
  }
}

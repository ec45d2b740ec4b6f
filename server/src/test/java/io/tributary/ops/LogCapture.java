package io.tributary.ops;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Reconfigures Logback from the production {@code logback.xml} with a given {@code
 * TRIBUTARY_LOG_FORMAT} and captures what its console appender prints (to standard error); closing
 * restores the default configuration and {@code System.err}.
 */
final class LogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  LogCapture(String format) {
    System.setErr(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
    System.setProperty("TRIBUTARY_LOG_FORMAT", format);
    reconfigure();
  }

  /** Every line printed so far. */
  List<String> lines() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Override
  public void close() {
    System.clearProperty("TRIBUTARY_LOG_FORMAT");
    reconfigure();
    System.setErr(original);
  }

  private static void reconfigure() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(LogCapture.class.getResource("/logback.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final ByteArrayOutputStream b;

    Tee(OutputStream a, ByteArrayOutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) {
      synchronized (b) {
        b.write(x);
      }
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
      synchronized (b) {
        b.write(bytes, off, len);
      }
      try {
        a.write(bytes, off, len);
      } catch (java.io.IOException e) {
        // the console copy is a courtesy; the capture is what the test reads
      }
    }
  }
}

package io.tributary.engine;

import java.util.Map;
import org.slf4j.MDC;

/**
 * The ids every engine log line of a job carries ({@code flowId}, {@code jobId}, {@code stepId}).
 * The MDC is per thread and virtual threads do not inherit it, so work handed to another thread
 * takes a copy along.
 */
final class LogContext {
  static final String FLOW = "flowId";
  static final String JOB = "jobId";
  static final String STEP = "stepId";

  private LogContext() {}

  /** Sets the step id until the scope is closed; the previous one (if any) comes back then. */
  static Scope step(String stepId) {
    String before = MDC.get(STEP);
    MDC.put(STEP, stepId);
    return () -> {
      if (before == null) MDC.remove(STEP);
      else MDC.put(STEP, before);
    };
  }

  /** {@code task} run with the caller's MDC (as it is now) on whatever thread runs it. */
  static Runnable carried(Runnable task) {
    Map<String, String> captured = MDC.getCopyOfContextMap();
    return () -> {
      Map<String, String> before = MDC.getCopyOfContextMap();
      if (captured == null) MDC.clear();
      else MDC.setContextMap(captured);
      try {
        task.run();
      } finally {
        if (before == null) MDC.clear();
        else MDC.setContextMap(before);
      }
    };
  }

  /** A scope that needs no exception handling to close. */
  interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}

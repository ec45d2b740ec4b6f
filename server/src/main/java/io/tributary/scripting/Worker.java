package io.tributary.scripting;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One script worker process, seen from the server: a call is one request frame and one answer
 * frame, under a wall-clock budget the server enforces by killing the process. A worker that failed
 * a call that way (or died) is {@link #broken()} and must be replaced.
 */
final class Worker {
  /** The most a worker may answer; more would let a script fill the server's heap. */
  static final int MAX_ANSWER_BYTES = 32 * 1024 * 1024;

  /** What the JVM exits with under {@code -XX:+ExitOnOutOfMemoryError}. */
  private static final int OUT_OF_MEMORY_EXIT = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final DataOutputStream out;
  private final DataInputStream in;
  private volatile boolean broken;

  private Worker(Process process) {
    this.process = process;
    this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
    this.in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
  }

  /** Starts a worker and waits until it is ready (its start-up is not part of any budget). */
  static Worker start(List<String> command, long startMillis, ScheduledExecutorService timer) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear(); // nothing of the server's environment (keys, passwords) reaches it
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start a script worker", e);
    }
    Worker w = new Worker(p);
    AtomicBoolean late = new AtomicBoolean();
    ScheduledFuture<?> watchdog =
        timer.schedule(
            () -> {
              late.set(true);
              p.destroyForcibly();
            },
            startMillis,
            TimeUnit.MILLISECONDS);
    try {
      Frames.read(w.in, 1024);
    } catch (IOException e) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "a script worker did not start"
              + (late.get() ? " within " + startMillis + " ms" : ": " + e.getMessage()));
    } finally {
      watchdog.cancel(false);
    }
    return w;
  }

  /** Sends one request and answers the worker's answer, or the failure that ended the call. */
  Answer exchange(byte[] request, long budgetMillis, ScheduledExecutorService timer) {
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> watchdog =
        timer.schedule(
            () -> {
              timedOut.set(true);
              process.destroyForcibly();
            },
            budgetMillis,
            TimeUnit.MILLISECONDS);
    try {
      Frames.write(out, request);
      return Wire.fromJson(JSON.readTree(Frames.read(in, MAX_ANSWER_BYTES)));
    } catch (Frames.TooLarge e) {
      kill();
      return Answer.failed(
          ScriptFailure.MEMORY,
          "The script's answer is larger than " + (MAX_ANSWER_BYTES >> 20) + " MB.",
          List.of());
    } catch (IOException e) {
      broken = true;
      if (timedOut.get())
        return Answer.failed(
            ScriptFailure.TIMEOUT,
            "The script ran longer than its budget of " + budgetMillis + " ms and was stopped.",
            List.of());
      return died();
    } finally {
      watchdog.cancel(false);
    }
  }

  private Answer died() {
    int exit;
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        kill();
        return Answer.failed(
            ScriptFailure.ERROR, "The script worker stopped answering.", List.of());
      }
      exit = process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      return Answer.failed(ScriptFailure.ERROR, "Interrupted.", List.of());
    }
    if (exit == OUT_OF_MEMORY_EXIT)
      return Answer.failed(
          ScriptFailure.MEMORY,
          "The script used more memory than its worker has and was stopped.",
          List.of());
    return Answer.failed(
        ScriptFailure.ERROR,
        "The script worker ended unexpectedly (exit " + exit + ").",
        List.of());
  }

  boolean broken() {
    return broken || !process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** Ends the process at once; it gets no chance to finish a call. */
  void kill() {
    broken = true;
    process.destroyForcibly();
  }
}

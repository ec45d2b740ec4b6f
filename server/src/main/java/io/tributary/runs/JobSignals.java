package io.tributary.runs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Wakes the callers waiting for a job ({@code ?wait=}) the moment it ends in this process; they
 * still look at the store, so a job ended by another node is seen too, a little later.
 */
public final class JobSignals {
  private final ConcurrentHashMap<String, CompletableFuture<Void>> waiting =
      new ConcurrentHashMap<>();

  void ended(String jobId) {
    CompletableFuture<Void> f = waiting.remove(jobId);
    if (f != null) f.complete(null);
  }

  /** Waits up to {@code millis} for the job to end here; answers early on its end. */
  public void await(String jobId, long millis) throws InterruptedException {
    CompletableFuture<Void> f = waiting.computeIfAbsent(jobId, id -> new CompletableFuture<>());
    try {
      f.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Not ended here yet: the caller checks the store.
    } finally {
      waiting.remove(jobId, f);
    }
  }
}

package io.tributary.tracing;

import io.tributary.engine.RunObserver;
import io.tributary.jobs.JobStatus;

/** Several observers of the engine as one (metrics and traces), in order. */
public final class Observers {
  private Observers() {}

  /** {@code a} and {@code b}; either alone when the other is {@link RunObserver#NONE}. */
  public static RunObserver both(RunObserver a, RunObserver b) {
    if (b == RunObserver.NONE) return a;
    if (a == RunObserver.NONE) return b;
    return new RunObserver() {
      @Override
      public void jobStarted(String type) {
        a.jobStarted(type);
        b.jobStarted(type);
      }

      @Override
      public void jobEnded(String type, JobStatus status) {
        a.jobEnded(type, status);
        b.jobEnded(type, status);
      }

      @Override
      public void jobDone() {
        a.jobDone();
        b.jobDone();
      }

      @Override
      public void pageStarted() {
        a.pageStarted();
        b.pageStarted();
      }

      @Override
      public void stepStarted(String stepId) {
        a.stepStarted(stepId);
        b.stepStarted(stepId);
      }

      @Override
      public void stepRecords(String stepId, String kind, long success, long ignore, long error) {
        a.stepRecords(stepId, kind, success, ignore, error);
        b.stepRecords(stepId, kind, success, ignore, error);
      }

      @Override
      public void pageProcessed(long nanos) {
        a.pageProcessed(nanos);
        b.pageProcessed(nanos);
      }

      @Override
      public void request(String connectionId, int status, long nanos) {
        a.request(connectionId, status, nanos);
        b.request(connectionId, status, nanos);
      }
    };
  }
}

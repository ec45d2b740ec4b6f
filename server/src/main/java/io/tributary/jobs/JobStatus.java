package io.tributary.jobs;

/** integrator.io's job statuses; the last three are final. */
public enum JobStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELED;

  public String wire() {
    return name().toLowerCase();
  }

  public boolean done() {
    return this == COMPLETED || this == FAILED || this == CANCELED;
  }

  public static JobStatus of(String wire) {
    return valueOf(wire.toUpperCase());
  }
}

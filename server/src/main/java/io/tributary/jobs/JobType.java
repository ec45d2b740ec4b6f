package io.tributary.jobs;

/** integrator.io's job types: a flow run or a retry of some of its errors, and their step jobs. */
public enum JobType {
  FLOW,
  RETRY,
  EXPORT,
  IMPORT;

  public String wire() {
    return name().toLowerCase();
  }

  public static JobType of(String wire) {
    return valueOf(wire.toUpperCase());
  }
}

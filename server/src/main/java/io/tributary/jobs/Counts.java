package io.tributary.jobs;

/** Counter increments for a job (and, added again, for its flow job). */
public record Counts(
    long success, long error, long ignore, long export, long pagesGenerated, long pagesProcessed) {
  public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

  public static Counts success(long n) {
    return new Counts(n, 0, 0, 0, 0, 0);
  }

  public Counts plus(Counts o) {
    return new Counts(
        success + o.success,
        error + o.error,
        ignore + o.ignore,
        export + o.export,
        pagesGenerated + o.pagesGenerated,
        pagesProcessed + o.pagesProcessed);
  }

  public boolean isZero() {
    return equals(ZERO);
  }
}

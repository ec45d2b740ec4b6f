package io.tributary.store;

/** The databases the store runs on; SQL differences between them live here and nowhere else. */
public enum Dialect {
  H2,
  POSTGRES;

  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRES;
    if (jdbcUrl.startsWith("jdbc:h2:")) return H2;
    throw new IllegalArgumentException(
        "Unsupported database URL (use jdbc:h2: or jdbc:postgresql:): " + jdbcUrl);
  }
}

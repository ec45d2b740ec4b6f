package io.tributary.scripting;

/** Where script functions run. Thread-safe; {@link #close()} stops whatever it started. */
interface Runner extends AutoCloseable {
  /** Runs {@code function} of script {@code key} (text {@code content}) on {@code input} (JSON). */
  Answer call(String key, String content, String function, String input);

  /** The top-level functions the script declares, as a JSON array of names. */
  Answer functions(String key, String content);

  @Override
  void close();
}

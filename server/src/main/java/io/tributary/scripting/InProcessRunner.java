package io.tributary.scripting;

/**
 * Runs scripts in the calling JVM, one call at a time, with no time or memory bound: what a worker
 * does inside, and what fast tests of the façade use. Never for the server's own scripts.
 */
final class InProcessRunner implements Runner {
  private final JsRuntime runtime = new JsRuntime();

  @Override
  public synchronized Answer call(String key, String content, String function, String input) {
    return runtime.call(key, content, function, input);
  }

  @Override
  public synchronized Answer functions(String key, String content) {
    return runtime.functions(key, content);
  }

  @Override
  public void close() {
    runtime.close();
  }
}

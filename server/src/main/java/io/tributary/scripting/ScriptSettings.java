package io.tributary.scripting;

import java.util.Map;

/**
 * How scripts run, from the environment: {@code TRIBUTARY_SCRIPT_TIMEOUT_MS} (a call's wall-clock
 * budget, default 10000), {@code TRIBUTARY_SCRIPT_WORKERS} (worker processes, default 2) and {@code
 * TRIBUTARY_SCRIPT_WORKER_HEAP_MB} (each worker's heap, default 128).
 */
public record ScriptSettings(long timeoutMillis, int workers, int heapMegabytes) {
  public ScriptSettings {
    if (timeoutMillis < 1) throw new IllegalArgumentException("TRIBUTARY_SCRIPT_TIMEOUT_MS < 1");
    if (workers < 1) throw new IllegalArgumentException("TRIBUTARY_SCRIPT_WORKERS < 1");
    if (heapMegabytes < 32)
      throw new IllegalArgumentException("TRIBUTARY_SCRIPT_WORKER_HEAP_MB < 32");
  }

  public static ScriptSettings fromEnv(Map<String, String> env) {
    return new ScriptSettings(
        Long.parseLong(env.getOrDefault("TRIBUTARY_SCRIPT_TIMEOUT_MS", "10000")),
        Integer.parseInt(env.getOrDefault("TRIBUTARY_SCRIPT_WORKERS", "2")),
        Integer.parseInt(env.getOrDefault("TRIBUTARY_SCRIPT_WORKER_HEAP_MB", "128")));
  }
}

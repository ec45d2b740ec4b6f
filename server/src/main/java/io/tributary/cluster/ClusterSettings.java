package io.tributary.cluster;

import java.time.Duration;
import java.util.Map;

/**
 * How long a node may stay silent before its jobs are taken over ({@code
 * TRIBUTARY_CLUSTER_DEAD_AFTER_SECONDS}, default 30, D26) and how long a stopping node gives its
 * pages to finish ({@code TRIBUTARY_SHUTDOWN_GRACE_SECONDS}, default 30).
 */
public record ClusterSettings(Duration deadAfter, Duration shutdownGrace) {
  public static final ClusterSettings DEFAULT =
      new ClusterSettings(Duration.ofSeconds(30), Duration.ofSeconds(30));

  public static ClusterSettings fromEnv(Map<String, String> env) {
    return new ClusterSettings(
        Duration.ofSeconds(seconds(env, "TRIBUTARY_CLUSTER_DEAD_AFTER_SECONDS", 30, 5)),
        Duration.ofSeconds(seconds(env, "TRIBUTARY_SHUTDOWN_GRACE_SECONDS", 30, 0)));
  }

  private static long seconds(Map<String, String> env, String name, long fallback, long min) {
    String v = env.get(name);
    if (v == null || v.isBlank()) return fallback;
    try {
      long n = Long.parseLong(v.trim());
      if (n >= min) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a whole number of seconds >= " + min);
  }
}

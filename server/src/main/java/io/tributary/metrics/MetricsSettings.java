package io.tributary.metrics;

import java.util.Map;

/**
 * @param enabled {@code TRIBUTARY_METRICS} (default true): false records nothing and serves no
 *     {@code /metrics}
 * @param publicAccess {@code TRIBUTARY_METRICS_PUBLIC} (default false): true serves {@code
 *     /metrics} without a token
 */
public record MetricsSettings(boolean enabled, boolean publicAccess) {
  public static final MetricsSettings DEFAULT = new MetricsSettings(true, false);

  public static MetricsSettings fromEnv(Map<String, String> env) {
    return new MetricsSettings(
        !env.getOrDefault("TRIBUTARY_METRICS", "true").equalsIgnoreCase("false"),
        env.getOrDefault("TRIBUTARY_METRICS_PUBLIC", "false").equalsIgnoreCase("true"));
  }
}

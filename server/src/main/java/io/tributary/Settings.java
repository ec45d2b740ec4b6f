package io.tributary;

import java.nio.file.Path;
import java.util.Map;

/**
 * The server's configuration, read once from the environment (names are the operational contract).
 *
 * @param dbSchema a schema to create and use (tests isolate themselves on a shared PostgreSQL)
 * @param publicUrl where clients reach the server ({@code TRIBUTARY_PUBLIC_URL}); null: its bound
 *     address
 * @param trustedProxies CIDR list of proxies whose X-Forwarded-Proto/Host are honoured ({@code
 *     TRIBUTARY_TRUSTED_PROXIES})
 * @param pageCheckpoints true everywhere but in the overhead benchmark's reference: false keeps a
 *     flow job's progress in memory only (its counters are written every 200 ms, as before D26), so
 *     a restarted or taken-over job cannot resume. It exists to measure what the per-page
 *     checkpoint costs in the same run; no environment variable sets it, because no deployment
 *     should run without it.
 */
public record Settings(
    int port,
    String host,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    String dbSchema,
    String apiToken,
    String masterKey,
    int rateLimitBurst,
    double rateLimitPerSecond,
    int resolvedErrorRetentionDays,
    String publicUrl,
    String trustedProxies,
    boolean pageCheckpoints) {

  /** The settings tests and tools build by hand; resolved errors are kept 30 days. */
  public Settings(
      int port,
      String host,
      Path dataDir,
      String dbUrl,
      String dbUser,
      String dbPassword,
      String dbSchema,
      String apiToken,
      String masterKey,
      int rateLimitBurst,
      double rateLimitPerSecond) {
    this(
        port,
        host,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        dbSchema,
        apiToken,
        masterKey,
        rateLimitBurst,
        rateLimitPerSecond,
        30,
        null,
        null,
        true);
  }

  public static Settings fromEnv(Map<String, String> env) {
    Path dataDir = Path.of(env.getOrDefault("TRIBUTARY_DATA_DIR", "./data"));
    return new Settings(
        Integer.parseInt(env.getOrDefault("TRIBUTARY_PORT", "7070")),
        env.getOrDefault("TRIBUTARY_HOST", "0.0.0.0"),
        dataDir,
        env.get("TRIBUTARY_DB_URL"),
        env.get("TRIBUTARY_DB_USER"),
        env.get("TRIBUTARY_DB_PASSWORD"),
        env.get("TRIBUTARY_DB_SCHEMA"),
        env.get("TRIBUTARY_API_TOKEN"),
        env.get("TRIBUTARY_MASTER_KEY"),
        Integer.parseInt(env.getOrDefault("TRIBUTARY_RATE_LIMIT_BURST", "1000")),
        Double.parseDouble(env.getOrDefault("TRIBUTARY_RATE_LIMIT_PER_SECOND", "300")),
        Integer.parseInt(env.getOrDefault("TRIBUTARY_RESOLVED_ERROR_RETENTION_DAYS", "30")),
        env.get("TRIBUTARY_PUBLIC_URL"),
        env.get("TRIBUTARY_TRUSTED_PROXIES"),
        true);
  }

  public Settings withPort(int newPort) {
    return new Settings(
        newPort,
        host,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        dbSchema,
        apiToken,
        masterKey,
        rateLimitBurst,
        rateLimitPerSecond,
        resolvedErrorRetentionDays,
        publicUrl,
        trustedProxies,
        pageCheckpoints);
  }

  public Settings withPublicUrl(String url) {
    return new Settings(
        port,
        host,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        dbSchema,
        apiToken,
        masterKey,
        rateLimitBurst,
        rateLimitPerSecond,
        resolvedErrorRetentionDays,
        url,
        trustedProxies,
        pageCheckpoints);
  }

  public Settings withTrustedProxies(String cidrs) {
    return new Settings(
        port,
        host,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        dbSchema,
        apiToken,
        masterKey,
        rateLimitBurst,
        rateLimitPerSecond,
        resolvedErrorRetentionDays,
        publicUrl,
        cidrs,
        pageCheckpoints);
  }

  /** The same settings without per-page checkpoints: the overhead benchmark's reference only. */
  public Settings withoutPageCheckpoints() {
    return new Settings(
        port,
        host,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        dbSchema,
        apiToken,
        masterKey,
        rateLimitBurst,
        rateLimitPerSecond,
        resolvedErrorRetentionDays,
        publicUrl,
        trustedProxies,
        false);
  }
}

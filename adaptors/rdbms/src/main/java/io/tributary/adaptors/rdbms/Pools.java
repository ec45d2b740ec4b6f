package io.tributary.adaptors.rdbms;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.NetworkGuard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connection pool per connection. A connection whose {@code rdbms} settings changed gets a new
 * pool, and so does one the API changed or deleted ({@link #release}); the old pool is retired:
 * closed as soon as no call holds one of its connections, so a running export finishes on it. Pools
 * not used lately are retired beyond {@link #MAX}.
 */
final class Pools implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Pools.class);
  private static final int MAX = 32;
  private static final long RETIRE_POLL_MILLIS = 200;
  private static final long RETIRE_GIVE_UP_MILLIS = 6 * 3600_000L;
  private final Map<String, Entry> pools = new LinkedHashMap<>(16, 0.75f, true);
  private final NetworkGuard guard;

  Pools(NetworkGuard guard) {
    this.guard = guard;
  }

  /**
   * A pool and the settings it was made from (secrets revealed; held in memory only, as the pool
   * holds them).
   */
  private record Entry(JsonNode settings, HikariDataSource pool) {}

  synchronized HikariDataSource forConnection(JsonNode connection) {
    JsonNode r = connection.path("rdbms");
    String id = connection.path("_id").asText("");
    String key = id.isEmpty() ? "unsaved:" + fingerprint(r) : id;
    Entry e = pools.get(key);
    if (e != null && e.settings().equals(r) && !e.pool().isClosed()) return e.pool();
    if (e != null) release(key);
    HikariDataSource ds = create(r);
    pools.put(key, new Entry(r.deepCopy(), ds));
    if (pools.size() > MAX) {
      var eldest = pools.entrySet().iterator().next();
      pools.remove(eldest.getKey());
      retire(eldest.getValue().pool());
    }
    return ds;
  }

  /**
   * The connection changed or was deleted: its pool is retired and the next call makes a new one.
   */
  synchronized void release(String connectionId) {
    Entry e = pools.remove(connectionId);
    if (e != null) retire(e.pool());
  }

  /**
   * Closes {@code ds} once none of its connections is in use (checked every 200 ms, for 6 hours at
   * most). The first check waits one interval: a call that took the pool just before it was retired
   * gets its connection in that time.
   */
  static void retire(HikariDataSource ds) {
    Thread.ofVirtual()
        .name("rdbms-pool-retire")
        .start(
            () -> {
              long deadline = System.currentTimeMillis() + RETIRE_GIVE_UP_MILLIS;
              try {
                do Thread.sleep(RETIRE_POLL_MILLIS);
                while (inUse(ds) && System.currentTimeMillis() < deadline);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              if (inUse(ds))
                LOG.warn("closing pool {} with connections still in use", ds.getPoolName());
              ds.close();
            });
  }

  private static boolean inUse(HikariDataSource ds) {
    var bean = ds.getHikariPoolMXBean();
    return bean != null && bean.getActiveConnections() > 0;
  }

  private HikariDataSource create(JsonNode r) {
    JdbcTarget target = JdbcTarget.of(r);
    guard.check(JdbcTarget.host(r));
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(target.url());
    c.setDataSourceProperties(target.properties());
    if (r.hasNonNull("user")) c.setUsername(r.get("user").asText());
    if (r.hasNonNull("password")) c.setPassword(r.get("password").asText());
    c.setMaximumPoolSize(Math.max(1, r.path("concurrencyLevel").asInt(5)) + 1);
    c.setMinimumIdle(0);
    // Sessions in UTC: zone-less timestamps read and written by Tributary mean UTC on every
    // database.
    switch (r.path("type").asText()) {
      case "postgresql" -> c.setConnectionInitSql("set time zone 'UTC'");
      case "mysql", "mariadb" -> c.setConnectionInitSql("set time_zone = '+00:00'");
      default -> {} // SQL Server has no session time zone
    }
    c.setInitializationFailTimeout(1); // a refused login or an unreachable server shows at once
    c.setConnectionTimeout(10_000);
    c.setPoolName("rdbms-" + r.path("type").asText() + "-" + r.path("host").asText());
    try {
      return new HikariDataSource(c);
    } catch (com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
      if (e.getCause() instanceof java.sql.SQLException sql) throw SqlFailures.call(sql);
      throw new AdaptorException(
          AdaptorException.Kind.TRANSIENT,
          "connection_failed",
          "Cannot connect to the database: " + e.getMessage(),
          e);
    }
  }

  private static String fingerprint(JsonNode r) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(r.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() {
    pools.values().forEach(e -> e.pool().close());
    pools.clear();
  }
}

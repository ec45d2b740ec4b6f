package io.tributary.adaptors.rdbms;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tributary.adaptors.AdaptorException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connection pool per distinct connection configuration. A changed connection (host,
 * credentials, options) gets a new pool; pools not used lately are closed beyond {@link #MAX}.
 */
final class Pools implements AutoCloseable {
  private static final int MAX = 32;
  private final Map<String, HikariDataSource> pools = new LinkedHashMap<>(16, 0.75f, true);

  synchronized HikariDataSource forConnection(JsonNode connection) {
    JsonNode r = connection.path("rdbms");
    String key = fingerprint(r);
    HikariDataSource ds = pools.get(key);
    if (ds != null && !ds.isClosed()) return ds;
    ds = create(r);
    pools.put(key, ds);
    if (pools.size() > MAX) {
      var eldest = pools.entrySet().iterator().next();
      eldest.getValue().close();
      pools.remove(eldest.getKey());
    }
    return ds;
  }

  static String jdbcUrl(JsonNode r) {
    String type = r.path("type").asText("");
    String host = r.path("host").asText("127.0.0.1");
    String db = r.path("database").asText("");
    StringBuilder options = new StringBuilder();
    for (JsonNode o : r.path("options")) {
      options.append(options.isEmpty() ? "" : "&").append(o.path("name").asText()).append('=').append(o.path("value").asText());
    }
    return switch (type) {
      // stringtype=unspecified: text parameters (dates from templates) take the column's type.
      case "postgresql" -> "jdbc:postgresql://" + host + ":" + r.path("port").asInt(5432) + "/" + db + "?stringtype=unspecified&reWriteBatchedInserts=true"
          + (r.path("ssl").asBoolean(false) ? "&ssl=true" : "") + (options.isEmpty() ? "" : "&" + options);
      case "mysql", "mariadb" -> "jdbc:mariadb://" + host + ":" + r.path("port").asInt(3306) + "/" + db
          + (options.isEmpty() ? "" : "?" + options);
      // The driver ships, but no SQL Server runs here: only the URL is tested so far.
      case "mssql" -> "jdbc:sqlserver://" + host + (r.hasNonNull("instanceName") ? "\\" + r.get("instanceName").asText() : "")
          + ":" + r.path("port").asInt(1433) + ";databaseName=" + db + ";encrypt=" + r.path("ssl").asBoolean(false)
          + (r.path("disableStrictSSL").asBoolean(false) ? ";trustServerCertificate=true" : "")
          + (options.isEmpty() ? "" : ";" + options.toString().replace('&', ';'));
      default -> throw new AdaptorException(AdaptorException.Kind.FATAL, "unsupported_database",
          "rdbms.type " + type + " is not supported yet (postgresql, mysql, mariadb and mssql are).");
    };
  }

  private static HikariDataSource create(JsonNode r) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(jdbcUrl(r));
    if (r.hasNonNull("user")) c.setUsername(r.get("user").asText());
    if (r.hasNonNull("password")) c.setPassword(r.get("password").asText());
    c.setMaximumPoolSize(Math.max(1, r.path("concurrencyLevel").asInt(5)) + 1);
    c.setMinimumIdle(0);
    // Sessions in UTC: zone-less timestamps read and written by Tributary mean UTC on every database.
    switch (r.path("type").asText()) {
      case "postgresql" -> c.setConnectionInitSql("set time zone 'UTC'");
      case "mysql", "mariadb" -> c.setConnectionInitSql("set time_zone = '+00:00'");
      default -> { } // SQL Server has no session time zone
    }
    c.setInitializationFailTimeout(1); // a refused login or an unreachable server shows at once
    c.setConnectionTimeout(10_000);
    c.setPoolName("rdbms-" + r.path("type").asText() + "-" + r.path("host").asText());
    try {
      return new HikariDataSource(c);
    } catch (com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
      if (e.getCause() instanceof java.sql.SQLException sql) throw SqlFailures.call(sql);
      throw new AdaptorException(AdaptorException.Kind.TRANSIENT, "connection_failed", "Cannot connect to the database: " + e.getMessage(), e);
    }
  }

  private static String fingerprint(JsonNode r) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() {
    pools.values().forEach(HikariDataSource::close);
    pools.clear();
  }
}

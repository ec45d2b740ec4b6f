package io.tributary.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store answers, for {@code GET /health}: a load balancer or an orchestrator's
 * readiness probe takes a node whose database is gone out of service instead of sending it work.
 */
public final class StoreHealth {
  private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);
  private static final int TIMEOUT_SECONDS = 2;
  private final Database db;

  public StoreHealth(Database db) {
    this.db = db;
  }

  /** The store's type ({@code h2}, {@code postgresql}) and whether a connection answers now. */
  public record Status(String type, boolean up) {}

  public Status check() {
    String type = db.dialect() == Dialect.H2 ? "h2" : "postgresql";
    try (Connection c = db.dataSource().getConnection()) {
      return new Status(type, c.isValid(TIMEOUT_SECONDS));
    } catch (SQLException | RuntimeException e) {
      // The cause goes to the log only: the health answer is public and must not describe the
      // setup.
      LOG.warn(
          "health: the {} store does not answer: {}", type.toLowerCase(Locale.ROOT), e.toString());
      return new Status(type, false);
    }
  }
}

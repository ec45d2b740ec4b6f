package io.tributary.adaptors.rdbms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.PageSource;
import io.tributary.adaptors.Throttle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * Streams a query's rows in pages: the statement runs at the first page and the result set is read
 * with a fetch size (a cursor on PostgreSQL, streaming on MariaDB), so memory holds one page at
 * most.
 */
final class RdbmsPageSource implements PageSource {
  private static final int FETCH = 1000;
  private static final int RETRIES = 3;
  private final DataSource ds;
  private final SqlTemplate.Prepared query;
  private final int pageSize;
  private final long limit;
  private final Throttle throttle;
  private final BooleanSupplier canceled;
  private Throttle.Slot slot;
  private Connection connection;
  private PreparedStatement statement;
  private ResultSet rows;
  private Columns.Reader reader;
  private long read;
  private boolean done;

  RdbmsPageSource(
      DataSource ds,
      SqlTemplate.Prepared query,
      int pageSize,
      long limit,
      Throttle throttle,
      BooleanSupplier canceled) {
    this.ds = ds;
    this.query = query;
    this.pageSize = pageSize;
    this.limit = limit;
    this.throttle = throttle;
    this.canceled = canceled;
  }

  @Override
  public Optional<List<ObjectNode>> next() {
    for (int attempt = 0; ; attempt++) {
      if (done || canceled.getAsBoolean()) return Optional.empty();
      long before = read;
      try {
        return Optional.ofNullable(page());
      } catch (SQLException e) {
        AdaptorException failure = SqlFailures.call(e);
        release();
        read = before;
        // A dropped connection: run the query again and skip the rows already handed out (bounded;
        // this assumes a stable order, so export queries should have an ORDER BY).
        if (failure.kind() != AdaptorException.Kind.TRANSIENT || attempt >= RETRIES) {
          done = true;
          throw new AdaptorException(
              failure.kind(),
              failure.code(),
              failure.getMessage() + (attempt > 0 ? " (after " + attempt + " retries)" : ""),
              e);
        }
        pause(attempt);
      }
    }
  }

  private List<ObjectNode> page() throws SQLException {
    if (rows == null) {
      open();
      for (long skipped = 0; skipped < read && rows.next(); skipped++) {
        // rows a previous connection already delivered
      }
    }
    List<ObjectNode> page =
        new ArrayList<>(
            Math.min(
                pageSize,
                1000)); // grows as rows come: a size stored before it was bounded must not allocate
    // up front
    while (page.size() < pageSize && read < limit && rows.next()) {
      page.add(reader.read(rows));
      read++;
    }
    if (page.size() < pageSize || read >= limit) done = true;
    return page.isEmpty() ? null : page;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(200L << attempt);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }

  private void open() throws SQLException {
    slot = throttle.acquire();
    connection = ds.getConnection();
    connection.setAutoCommit(
        false); // PostgreSQL uses a cursor (fetch size) only inside a transaction
    connection.setReadOnly(true);
    statement =
        connection.prepareStatement(
            query.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    statement.setFetchSize(FETCH); // MariaDB Connector/J streams with any positive fetch size
    Statements.bind(statement, query.params());
    rows = statement.executeQuery();
    reader = Columns.reader(rows.getMetaData());
  }

  /** The rows handed out so far: resuming runs the query again and skips them (its ORDER BY). */
  @Override
  public ObjectNode position() {
    ObjectNode p = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    return p.put("rows", read).put("done", done);
  }

  @Override
  public void resume(ObjectNode position) {
    if (rows != null || !position.path("rows").canConvertToLong())
      throw new AdaptorException(
          AdaptorException.Kind.FATAL, "invalid_position", "The query cannot resume here.");
    read = position.path("rows").asLong();
    done = position.path("done").asBoolean(false);
  }

  @Override
  public void close() {
    release();
    done = true;
  }

  /** Gives back the connection and the slot, keeping the position for a retry. */
  private void release() {
    try {
      if (rows != null) rows.close();
      if (statement != null) statement.close();
      if (connection != null) {
        connection.rollback();
        connection.close();
      }
    } catch (SQLException | RuntimeException e) {
      // Closing after a failure: the pool discards a broken connection by itself.
    } finally {
      rows = null;
      statement = null;
      connection = null;
      if (slot != null) slot.close();
      slot = null;
    }
  }
}

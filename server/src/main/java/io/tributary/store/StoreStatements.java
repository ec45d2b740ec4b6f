package io.tributary.store;

import java.sql.SQLException;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;

/**
 * Counts what the server asks of its store through JDBI: statements executed (a batch counts once:
 * it is one round trip) and transactions committed (a commit is one more). Their sum is the
 * database round trips, the figure a cluster's load on one PostgreSQL grows with (README, "How the
 * cluster scales past one PostgreSQL"); {@code /metrics} exposes both, the overhead benchmark
 * divides them by runs and pages. db-scheduler's own polling goes through the pool, not JDBI, and
 * is not counted.
 */
public final class StoreStatements implements SqlLogger {
  private final LongAdder statements = new LongAdder();
  private final LongAdder commits = new LongAdder();

  /** Counts every statement and commit made through {@code jdbi} from now on. */
  static StoreStatements install(Jdbi jdbi) {
    StoreStatements counter = new StoreStatements();
    jdbi.getConfig(SqlStatements.class).setSqlLogger(counter);
    jdbi.setTransactionHandler(counter.new Commits(jdbi.getTransactionHandler()));
    return counter;
  }

  /** Statements executed so far (failed ones too: they went to the database). */
  public long statements() {
    return statements.sum();
  }

  /** Explicit transactions committed so far (a statement outside one commits by itself). */
  public long commits() {
    return commits.sum();
  }

  @Override
  public void logAfterExecution(StatementContext context) {
    statements.increment();
  }

  @Override
  public void logException(StatementContext context, SQLException ex) {
    statements.increment();
  }

  /**
   * Counts commits. A handle asks its handler for a specialized one (the local handler binds to the
   * handle's connection); the counter wraps that one too, so every commit passes here.
   */
  private final class Commits extends DelegatingTransactionHandler {
    Commits(TransactionHandler delegate) {
      super(delegate);
    }

    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
      TransactionHandler special = getDelegate().specialize(handle);
      return special == getDelegate() ? this : new Commits(special);
    }

    @Override
    public void commit(Handle handle) {
      super.commit(handle);
      commits.increment();
    }
  }
}

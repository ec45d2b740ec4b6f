package io.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The store's round-trip counter: statements (a batch once) and commits, through JDBI. */
class StoreStatementsTest {
  private final Jdbi jdbi =
      Jdbi.create("jdbc:h2:mem:statements-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
  private final StoreStatements counted = StoreStatements.install(jdbi);

  @Test
  void countsStatementsBatchesOnceAndCommits() {
    jdbi.useHandle(h -> h.execute("create table t (id int primary key, n int)"));
    assertThat(counted.statements()).isEqualTo(1);
    assertThat(counted.commits()).isZero(); // outside a transaction it commits by itself

    jdbi.useTransaction(
        h -> {
          var batch = h.prepareBatch("insert into t (id, n) values (:id, 0)");
          for (int i = 1; i <= 3; i++) batch.bind("id", i).add();
          batch.execute();
          h.createUpdate("update t set n = n + 1 where id = 1").execute();
        });
    assertThat(counted.statements()).isEqualTo(3);
    assertThat(counted.commits()).isEqualTo(1);

    int sum = jdbi.withHandle(h -> h.createQuery("select sum(n) from t").mapTo(int.class).one());
    assertThat(sum).isEqualTo(1);
    assertThat(counted.statements()).isEqualTo(4);
  }

  @Test
  void aFailedStatementCountsAndARolledBackTransactionDoesNotCommit() {
    jdbi.useHandle(h -> h.execute("create table t (id int primary key)"));
    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    h -> {
                      h.execute("insert into t (id) values (1)");
                      h.execute("insert into t (id) values (1)"); // fails when executed
                    }))
        .isNotNull();
    assertThat(counted.statements()).isEqualTo(3);
    assertThat(counted.commits()).isZero();
  }
}

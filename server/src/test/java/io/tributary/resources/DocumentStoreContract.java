package io.tributary.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Ids;
import io.tributary.store.Database;
import io.tributary.testing.TestDatabase;
import io.tributary.web.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The store's contract, run unchanged on H2 (*Test) and PostgreSQL (*IT). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DocumentStoreContract {
  private TestDatabase testDb;
  private Database db;
  private DocumentStore store;
  private final Ids ids = new Ids(Clock.systemUTC());

  abstract boolean postgres();

  @BeforeAll
  void open() throws Exception {
    Path dir = Files.createTempDirectory("store-test");
    testDb = postgres() ? TestDatabase.postgres() : TestDatabase.h2(dir);
    String url = testDb.isPostgres() ? testDb.url() : Database.embeddedUrl(dir);
    db = Database.open(url, testDb.user(), testDb.password(), testDb.schema());
    store = new DocumentStore(db.jdbi());
  }

  @AfterAll
  void close() {
    if (db != null) db.close();
    if (testDb != null) testDb.drop();
  }

  private StoredDoc doc(String type, String json) {
    return StoredDoc.of(
        ids.next(), type, System.currentTimeMillis(), (ObjectNode) Json.parse(json));
  }

  @Test
  void documentsRoundTripWithTheirIndexedColumns() {
    String integration = ids.next();
    StoredDoc d =
        doc(
            "flows",
            "{\"name\":\"n\",\"_integrationId\":\""
                + integration
                + "\",\"x\":[1,2.50,{\"y\":null}]}");
    db.jdbi().useTransaction(h -> store.insert(h, d));
    StoredDoc got = store.get(d.id()).orElseThrow();
    assertThat(got.body()).isEqualTo(d.body());
    assertThat(got.body().at("/x/1").toString()).isEqualTo("2.50");
    assertThat(got.integrationId()).isEqualTo(integration);
    assertThat(got.createdAt()).isEqualTo(d.createdAt());

    StoredDoc changed =
        got.withBody((ObjectNode) Json.parse("{\"name\":\"m\"}"), got.lastModified() + 5);
    db.jdbi().useTransaction(h -> store.update(h, changed));
    StoredDoc again = store.get(d.id()).orElseThrow();
    assertThat(again.body().get("name").asText()).isEqualTo("m");
    assertThat(again.integrationId()).isNull();
    assertThat(again.lastModified()).isEqualTo(got.lastModified() + 5);

    Boolean deleted = db.jdbi().inTransaction(h -> store.delete(h, d.id()));
    assertThat(deleted).isTrue();
    assertThat(store.get(d.id())).isEmpty();
  }

  @Test
  void listsPageInIdOrderAndNarrowByCondition() {
    String integration = ids.next();
    List<StoredDoc> docs =
        List.of(
            doc("imports", "{\"n\":1,\"_integrationId\":\"" + integration + "\"}"),
            doc("imports", "{\"n\":2}"),
            doc("imports", "{\"n\":3,\"_integrationId\":\"" + integration + "\"}"));
    db.jdbi().useTransaction(h -> docs.forEach(d -> store.insert(h, d)));
    List<StoredDoc> page =
        store.list("imports", "integration_id = :iid", Map.of("iid", integration), null, 1);
    assertThat(page).extracting(StoredDoc::id).containsExactly(docs.get(0).id());
    List<StoredDoc> next =
        store.list(
            "imports", "integration_id = :iid", Map.of("iid", integration), page.get(0).id(), 10);
    assertThat(next).extracting(StoredDoc::id).containsExactly(docs.get(2).id());
  }

  @Test
  void referencesAreKeptPerSourceAndFoundFromTheTarget() {
    StoredDoc target = doc("exports", "{}");
    StoredDoc source = doc("flows", "{}");
    db.jdbi()
        .useTransaction(
            h -> {
              store.insert(h, target);
              store.insert(h, source);
              store.replaceRefs(
                  h,
                  source.id(),
                  "flows",
                  List.of(new Ref("pageGenerators[0]._exportId", "exports", target.id())));
            });
    assertThat(store.referrers(target.id()))
        .containsExactly(new Referrer(source.id(), "flows", "pageGenerators[0]._exportId"));
    List<Ref> refs = db.jdbi().withHandle(h -> store.refsFrom(h, source.id()));
    assertThat(refs)
        .containsExactly(new Ref("pageGenerators[0]._exportId", "exports", target.id()));
    db.jdbi().useTransaction(h -> store.replaceRefs(h, source.id(), "flows", List.of()));
    assertThat(store.referrers(target.id())).isEmpty();
  }

  @Test
  void aDeleteRacingANewReferenceSeesItAfterTheLock() throws Exception {
    StoredDoc target = doc("connections", "{}");
    StoredDoc source = doc("exports", "{}");
    db.jdbi()
        .useTransaction(
            h -> {
              store.insert(h, target);
              store.insert(h, source);
            });
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () ->
                db.jdbi()
                    .useTransaction(
                        h -> {
                          store.getForUpdate(h, target.id()).orElseThrow();
                          store.replaceRefs(
                              h,
                              source.id(),
                              "exports",
                              List.of(new Ref("_connectionId", "connections", target.id())));
                          locked.countDown();
                          await(release);
                        }));
    assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<List<Referrer>> deleter =
        CompletableFuture.supplyAsync(
            () ->
                db.jdbi()
                    .inTransaction(
                        h -> {
                          store.delete(h, target.id());
                          List<Referrer> found = store.referrers(h, target.id());
                          h.rollback();
                          return found;
                        }));
    release.countDown();
    writer.get(10, TimeUnit.SECONDS);
    assertThat(deleter.get(10, TimeUnit.SECONDS))
        .extracting(Referrer::id)
        .containsExactly(source.id());
    assertThat(store.get(target.id())).isPresent();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

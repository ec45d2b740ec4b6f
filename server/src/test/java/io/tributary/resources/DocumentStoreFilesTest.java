package io.tributary.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Ids;
import io.tributary.store.Database;
import io.tributary.store.DocumentFiles;
import io.tributary.web.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the embedded store, large documents live in files the rows name, and only those are kept. */
class DocumentStoreFilesTest {
  @TempDir Path dir;
  private final Ids ids = new Ids(Clock.systemUTC());

  @Test
  void largeDocumentsAreFilesTheRowNamesAndReplacedOnesAreSweptAfterTheirGrace() throws Exception {
    Path docs = dir.resolve("documents");
    try (Database db = Database.open(Database.embeddedUrl(dir), null, null, null)) {
      DocumentStore store = new DocumentStore(db.jdbi(), DocumentFiles.in(docs, 1000));
      StoredDoc small = doc("{\"name\":\"small\"}");
      StoredDoc big = doc("{\"name\":\"big\",\"content\":\"" + "a".repeat(5000) + "\"}");
      db.jdbi()
          .useTransaction(
              h -> {
                store.insert(h, small);
                store.insert(h, big);
              });

      assertThat(column(db, small.id())).startsWith("{");
      assertThat(column(db, big.id())).startsWith("doc-file:");
      assertThat(store.get(big.id()).orElseThrow().body()).isEqualTo(big.body());
      assertThat(files(docs)).hasSize(1);

      StoredDoc replaced =
          big.withBody(
              (ObjectNode)
                  Json.parse("{\"name\":\"big\",\"content\":\"" + "b".repeat(5000) + "\"}"),
              big.lastModified() + 1);
      db.jdbi().useTransaction(h -> store.update(h, replaced));
      assertThat(store.get(big.id()).orElseThrow().body()).isEqualTo(replaced.body());
      assertThat(files(docs)).hasSize(2);

      // Within the grace period nothing goes: a reader may still hold the old reference.
      assertThat(store.sweepFiles()).isZero();
      for (Path f : files(docs))
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
      assertThat(store.sweepFiles()).isEqualTo(1);
      assertThat(store.get(big.id()).orElseThrow().body()).isEqualTo(replaced.body());
      assertThat(files(docs)).hasSize(1);

      db.jdbi().useTransaction(h -> store.delete(h, big.id()));
      for (Path f : files(docs))
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
      assertThat(store.sweepFiles()).isEqualTo(1);
      assertThat(files(docs)).isEmpty();
      assertThat(store.get(small.id()).orElseThrow().body()).isEqualTo(small.body());
    }
  }

  private StoredDoc doc(String json) {
    return StoredDoc.of(
        ids.next(), "scripts", System.currentTimeMillis(), (ObjectNode) Json.parse(json));
  }

  private static String column(Database db, String id) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery("select doc from resources where id = :id")
                    .bind("id", id)
                    .mapTo(String.class)
                    .one());
  }

  private static java.util.List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}

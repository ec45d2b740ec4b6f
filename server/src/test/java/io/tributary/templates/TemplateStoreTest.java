package io.tributary.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Ids;
import io.tributary.core.Problem;
import io.tributary.store.Database;
import io.tributary.web.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What uploaded templates may store, in count and bytes, on the embedded store. */
class TemplateStoreTest {
  private Path dir;
  private Database db;

  @BeforeEach
  void open() throws Exception {
    dir = Files.createTempDirectory("template-store");
    db = Database.open(Database.embeddedUrl(dir), null, null, null);
  }

  @AfterEach
  void close() throws Exception {
    db.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static Template template(int descriptionLength) {
    var doc = Json.object().put("name", "f").put("description", "d".repeat(descriptionLength));
    return new Template(
        Json.object().put("version", 1),
        List.of(new Template.Resource("Flow", "0123456789abcdef01234567", doc)));
  }

  private TemplateStore store(TemplateStore.Limits limits) {
    return new TemplateStore(db.jdbi(), new Ids(Clock.systemUTC()), Clock.systemUTC(), limits);
  }

  @Test
  void theCountOfTemplatesIsCappedUntilOneIsDeleted() {
    TemplateStore store = store(new TemplateStore.Limits(10_000, 2, 1_000_000));
    String first = store.save(template(10));
    store.save(template(10));
    assertThatThrownBy(() -> store.save(template(10)))
        .isInstanceOfSatisfying(
            Problem.Conflict.class,
            e -> assertThat(e.errors().get(0).code()).isEqualTo("template_limit_reached"));
    assertThat(store.list()).hasSize(2);
    assertThat(store.delete(first)).isTrue();
    assertThat(store.delete(first)).isFalse();
    store.save(template(10));
    assertThat(store.list()).hasSize(2);
  }

  @Test
  void theBytesOfOneTemplateAndOfAllAreCapped() {
    TemplateStore store = store(new TemplateStore.Limits(3_000, 100, 5_000));
    assertThatThrownBy(() -> store.save(template(3_000))).isInstanceOf(Problem.TooLarge.class);
    store.save(template(2_000));
    store.save(template(2_000));
    assertThatThrownBy(() -> store.save(template(2_000))).isInstanceOf(Problem.Conflict.class);
    assertThat(store.list()).hasSize(2);
    assertThat(store.list().stream().mapToLong(t -> t.get("bytes").asLong()).sum())
        .isBetween(4_000L, 5_000L);
  }
}

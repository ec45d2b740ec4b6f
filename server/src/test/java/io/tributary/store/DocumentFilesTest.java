package io.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentFilesTest {
  @TempDir Path dir;

  @Test
  void aShortTextStaysInTheColumnAndALongOneBecomesAnOwnerOnlyFile() throws Exception {
    DocumentFiles files = DocumentFiles.in(dir, 10);
    assertThat(files.toColumn("{\"a\":1}")).isEqualTo("{\"a\":1}");

    String big = "{\"content\":\"" + "x".repeat(50) + "\"}";
    String column = files.toColumn(big);
    assertThat(column).startsWith("doc-file:").hasSize("doc-file:".length() + 64);
    assertThat(files.fromColumn(column)).isEqualTo(big);
    Path file = dir.resolve(column.substring("doc-file:".length()));
    assertThat(Files.readString(file)).isEqualTo(big);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(files.fromColumn("{\"a\":1}")).isEqualTo("{\"a\":1}");
  }

  @Test
  void theSameContentIsOneFileRenewedAtEachWrite() throws Exception {
    DocumentFiles files = DocumentFiles.in(dir, 10);
    String big = "y".repeat(100);
    String first = files.toColumn(big);
    Path file = dir.resolve(first.substring("doc-file:".length()));
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    assertThat(files.toColumn(big)).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(file).toInstant())
        .isAfter(Instant.now().minus(Duration.ofMinutes(1)));
    try (var s = Files.list(dir)) {
      assertThat(s.count()).isEqualTo(1);
    }
  }

  @Test
  void aSweepRemovesOnlyOldFilesNoColumnNames() throws Exception {
    DocumentFiles files = DocumentFiles.in(dir, 10);
    String kept = files.toColumn("k".repeat(100));
    String dropped = files.toColumn("d".repeat(100));
    String recent = files.toColumn("r".repeat(100));
    Path abandonedTmp = Files.createFile(dir.resolve(".tmp-123"));
    Instant old = Instant.now().minus(Duration.ofHours(2));
    for (String c : Set.of(kept, dropped))
      Files.setLastModifiedTime(dir.resolve(c.substring("doc-file:".length())), FileTime.from(old));
    Files.setLastModifiedTime(abandonedTmp, FileTime.from(old));

    int removed = files.sweep(Set.of(kept, "{\"inline\":true}"), Instant.now());

    assertThat(removed).isEqualTo(2);
    assertThat(files.fromColumn(kept)).isEqualTo("k".repeat(100));
    assertThat(files.fromColumn(recent)).isEqualTo("r".repeat(100));
    assertThat(abandonedTmp).doesNotExist();
    assertThatThrownBy(() -> files.fromColumn(dropped))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void aReferenceThatIsNotAHashIsRefusedRatherThanFollowed() {
    DocumentFiles files = DocumentFiles.in(dir, 10);
    assertThatThrownBy(() -> files.fromColumn("doc-file:../../etc/passwd"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void withoutFilesEveryTextStaysInTheColumn() {
    String big = "z".repeat(200_000);
    assertThat(DocumentFiles.NONE.toColumn(big)).isSameAs(big);
  }
}

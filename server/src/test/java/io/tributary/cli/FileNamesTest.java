package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileNamesTest {
  @Test
  void unsafeCharactersAndEndsAreReplacedOrTrimmed() {
    assertThat(FileNames.safe("Orders: A/B")).isEqualTo("Orders_ A_B");
    assertThat(FileNames.safe("a\\b*c?d\"e<f>g|h~i")).isEqualTo("a_b_c_d_e_f_g_h_i");
    assertThat(FileNames.safe("  ..hidden. ")).isEqualTo("hidden");
    assertThat(FileNames.safe("")).isEqualTo("unnamed");
    assertThat(FileNames.safe(null)).isEqualTo("unnamed");
    assertThat(FileNames.safe("CON")).isEqualTo("_CON");
    assertThat(FileNames.safe("Café ünïcode")).isEqualTo("Café ünïcode");
    assertThat(FileNames.safe("x".repeat(200))).hasSize(80);
  }

  @Test
  void collisionsAreToldApartByCreationOrderIgnoringCase() {
    List<FileNames.Named> named =
        List.of(
            new FileNames.Named("000000000000000000000003", "Sync"),
            new FileNames.Named("000000000000000000000001", "sync"),
            new FileNames.Named("000000000000000000000002", "Sync"),
            new FileNames.Named("000000000000000000000004", "A/B"),
            new FileNames.Named("000000000000000000000005", "A_B"));
    Map<String, String> keys = FileNames.keys(named);
    assertThat(keys)
        .containsEntry("000000000000000000000001", "sync")
        .containsEntry("000000000000000000000002", "Sync~2")
        .containsEntry("000000000000000000000003", "Sync~3")
        .containsEntry("000000000000000000000004", "A_B")
        .containsEntry("000000000000000000000005", "A_B~2");
    assertThat(FileNames.keys(List.copyOf(named).reversed()))
        .as("the order given does not matter")
        .isEqualTo(keys);
  }
}

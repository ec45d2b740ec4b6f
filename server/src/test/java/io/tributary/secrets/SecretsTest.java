package io.tributary.secrets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Problem;
import io.tributary.web.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private final Secrets secrets = new Secrets(new SecretCipher(SecretCipher.keyFrom("k")));

  @Test
  void aMaskedSecretWhereTheStoredDocumentHasAnotherShapeIsAFieldErrorNotACrash() {
    // ApiFuzzTest found it: the stored document held an array where the change has an object, and
    // looking the kept value up parsed the field name "basic" as an array index (a 500).
    ObjectNode stored = (ObjectNode) Json.parse("{\"http\":{\"auth\":[\"x\"]}}");
    ObjectNode incoming =
        (ObjectNode) Json.parse("{\"http\":{\"auth\":{\"basic\":{\"password\":\"******\"}}}}");
    assertThatThrownBy(() -> secrets.sealForStorage(incoming, stored, SecretRule.byName(List.of())))
        .isInstanceOf(Problem.class)
        .hasMessageContaining("no stored value");
  }
}

package io.tributary.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretCipherTest {
  @Test
  void encryptsWithAFreshNonceAndDecryptsOnlyWithTheSameKey() {
    SecretCipher cipher = new SecretCipher(SecretCipher.keyFrom("passphrase"));
    String a = cipher.encrypt("\"pw\"");
    String b = cipher.encrypt("\"pw\"");
    assertThat(a).startsWith("enc:v1:").isNotEqualTo(b).doesNotContain("pw");
    assertThat(cipher.decrypt(a)).isEqualTo("\"pw\"");
    SecretCipher other = new SecretCipher(SecretCipher.keyFrom("another"));
    assertThatThrownBy(() -> other.decrypt(a)).hasMessageContaining("master key");
    assertThat(other.fingerprint()).isNotEqualTo(cipher.fingerprint());
  }

  @Test
  void aBase64KeyOf32BytesIsUsedAsIs() {
    byte[] raw = new byte[32];
    raw[0] = 7;
    assertThat(SecretCipher.keyFrom(java.util.Base64.getEncoder().encodeToString(raw)))
        .isEqualTo(raw);
    assertThat(SecretCipher.keyFrom("short")).hasSize(32).isNotEqualTo(raw);
  }
}

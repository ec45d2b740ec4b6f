package io.tributary.secrets;

import java.util.List;

/** Says which fields of a document hold secrets, by their path of field names from the root. */
@FunctionalInterface
public interface SecretRule {
  SecretRule NONE = path -> false;

  boolean isSecret(List<String> path);

  /**
   * The usual rule: a field whose name is a credential word, or anything inside an
   * {@code encrypted} object, below one of the given roots (an empty root list means anywhere).
   */
  static SecretRule byName(List<String> roots) {
    return path -> {
      if (path.isEmpty()) return false;
      if (!roots.isEmpty() && !roots.contains(path.get(0))) return false;
      if (path.subList(0, path.size() - 1).contains("encrypted")) return true;
      return CREDENTIAL_NAMES.contains(path.get(path.size() - 1));
    };
  }

  List<String> CREDENTIAL_NAMES = List.of(
      "password", "token", "bearerToken", "refreshToken", "accessToken", "clientSecret", "secret",
      "secretAccessKey", "privateKey", "passphrase", "key", "pfx", "apiKey", "consumerSecret", "tokenSecret");
}

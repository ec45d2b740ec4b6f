package io.tributary.secrets;

import java.util.List;

/** Says which fields of a document hold secrets, by their path of field names from the root. */
@FunctionalInterface
public interface SecretRule {
  SecretRule NONE = path -> false;

  boolean isSecret(List<String> path);

  /**
   * Where a document's secrets are sent (a connection's origin or database host): a secret kept by
   * sending {@code "******"} is kept only while this stays the same, so a client that may read the
   * masked document cannot point it elsewhere and receive the stored password. Empty: nowhere in
   * particular.
   */
  default String destination(com.fasterxml.jackson.databind.JsonNode doc) {
    return "";
  }

  /** This rule, with secrets bound to {@code destination}. */
  default SecretRule boundTo(
      java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, String> destination) {
    SecretRule self = this;
    return new SecretRule() {
      @Override
      public boolean isSecret(List<String> path) {
        return self.isSecret(path);
      }

      @Override
      public String destination(com.fasterxml.jackson.databind.JsonNode doc) {
        return destination.apply(doc);
      }
    };
  }

  /**
   * The usual rule: a field whose name is a credential word, or anything inside an {@code
   * encrypted} object, below one of the given roots (an empty root list means anywhere).
   */
  static SecretRule byName(List<String> roots) {
    return path -> {
      if (path.isEmpty()) return false;
      if (!roots.isEmpty() && !roots.contains(path.get(0))) return false;
      if (path.subList(0, path.size() - 1).contains("encrypted")) return true;
      return CREDENTIAL_NAMES.contains(path.get(path.size() - 1));
    };
  }

  List<String> CREDENTIAL_NAMES =
      List.of(
          "password",
          "token",
          "bearerToken",
          "refreshToken",
          "accessToken",
          "clientSecret",
          "secret",
          "secretAccessKey",
          "privateKey",
          "passphrase",
          "key",
          "pfx",
          "apiKey",
          "consumerSecret",
          "tokenSecret");
}

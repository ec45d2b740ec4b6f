package io.tributary.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tributary.core.Problem;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Moves secrets between their three forms: plain (what a client sends), encrypted (what is stored),
 * and masked ({@code "******"}, what is answered and audited).
 */
public final class Secrets {
  public static final String MASK = "******";
  private final SecretCipher cipher;

  public Secrets(SecretCipher cipher) {
    this.cipher = cipher;
  }

  /**
   * Encrypts every secret of {@code incoming} in place. A secret sent back as {@code "******"}
   * keeps the value stored at the same path in {@code stored}; without one, or when the change
   * moves the document to another {@link SecretRule#destination}, it is a 422.
   */
  public void sealForStorage(ObjectNode incoming, ObjectNode stored, SecretRule rule) {
    boolean moved = stored != null && !rule.destination(incoming).equals(rule.destination(stored));
    walk(
        incoming,
        new ArrayList<>(),
        rule,
        (parent, name, index, path, value) -> {
          JsonNode replacement;
          if (value.isTextual() && MASK.equals(value.asText())) {
            JsonNode kept = stored == null ? null : at(stored, path);
            if (kept == null || kept.isNull()) {
              throw Problem.invalid(
                  "invalid_field",
                  "A secret sent as \"******\" has no stored value to keep",
                  String.join(".", path));
            }
            if (moved) {
              throw Problem.invalid(
                  "secrets_required",
                  "The change points the secrets at another host ("
                      + rule.destination(incoming)
                      + "): send them again instead of \"******\"",
                  String.join(".", path));
            }
            replacement = kept;
          } else if (value.isNull()
              || (value.isTextual() && SecretCipher.isCiphertext(value.asText()))) {
            replacement = value;
          } else {
            replacement = new TextNode(cipher.encrypt(Json.write(value)));
          }
          set(parent, name, index, replacement);
        });
  }

  /** A copy with every secret replaced by {@code "******"}. */
  public static ObjectNode masked(ObjectNode doc, SecretRule rule) {
    ObjectNode copy = doc.deepCopy();
    walk(
        copy,
        new ArrayList<>(),
        rule,
        (parent, name, index, path, value) -> {
          if (!value.isNull()) set(parent, name, index, new TextNode(MASK));
        });
    return copy;
  }

  /** A copy with every secret decrypted, for the engine that must use them. */
  public ObjectNode revealed(ObjectNode doc, SecretRule rule) {
    ObjectNode copy = doc.deepCopy();
    walk(
        copy,
        new ArrayList<>(),
        rule,
        (parent, name, index, path, value) -> {
          if (value.isTextual() && SecretCipher.isCiphertext(value.asText())) {
            set(parent, name, index, Json.read(cipher.decrypt(value.asText())));
          }
        });
    return copy;
  }

  /** The secret values of a revealed document, as text: what must never be shown again. */
  public static List<String> values(ObjectNode revealed, SecretRule rule) {
    List<String> out = new ArrayList<>();
    walk(
        revealed,
        new ArrayList<>(),
        rule,
        (parent, name, index, path, value) -> {
          if (!value.isNull()
              && !(value.isTextual()
                  && (MASK.equals(value.asText()) || SecretCipher.isCiphertext(value.asText())))) {
            out.add(value.asText());
          }
        });
    return out;
  }

  private interface Visitor {
    void visit(JsonNode parent, String name, int index, List<String> path, JsonNode value);
  }

  /** Calls back for each secret value: the whole value of a secret field, not what is inside it. */
  private static void walk(JsonNode node, List<String> path, SecretRule rule, Visitor v) {
    if (node instanceof ObjectNode obj) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); )
        entries.add(it.next());
      for (var e : entries) {
        path.add(e.getKey());
        if (rule.isSecret(path) && !e.getValue().isContainerNode()) {
          v.visit(obj, e.getKey(), -1, List.copyOf(path), e.getValue());
        } else {
          walk(e.getValue(), path, rule, v);
        }
        path.remove(path.size() - 1);
      }
    } else if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        path.add(String.valueOf(i));
        if (rule.isSecret(path) && !arr.get(i).isContainerNode()) {
          v.visit(arr, null, i, List.copyOf(path), arr.get(i));
        } else {
          walk(arr.get(i), path, rule, v);
        }
        path.remove(path.size() - 1);
      }
    }
  }

  private static void set(JsonNode parent, String name, int index, JsonNode value) {
    if (parent instanceof ObjectNode o) o.set(name, value);
    else ((ArrayNode) parent).set(index, value);
  }

  private static JsonNode at(JsonNode root, List<String> path) {
    JsonNode n = root;
    for (String p : path) {
      if (n == null) return null;
      // The stored document may have another shape at this path (an array where the change has an
      // object): then nothing is stored there to keep.
      if (n.isArray()) n = p.matches("\\d{1,9}") ? n.get(Integer.parseInt(p)) : null;
      else n = n.get(p);
    }
    return n;
  }
}

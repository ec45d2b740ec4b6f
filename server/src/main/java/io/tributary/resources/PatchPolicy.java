package io.tributary.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.CompatibilityFlags;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import io.tributary.core.ErrorItem;
import io.tributary.core.Problem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** RFC 6902 patches limited to a type's whitelist of paths. */
final class PatchPolicy {
  private static final Set<String> OPS = Set.of("add", "remove", "replace");

  private PatchPolicy() {}

  static ObjectNode apply(ResourceType type, ObjectNode current, JsonNode patch) {
    if (!patch.isArray() || patch.isEmpty()) {
      throw Problem.badRequest(
          "invalid_json", "A PATCH body is a non-empty JSON Patch array of {op, path, value}.");
    }
    List<ErrorItem> refused = new ArrayList<>();
    for (JsonNode op : patch) {
      if (!op.isObject() || !op.path("op").isTextual() || !op.path("path").isTextual()) {
        throw Problem.badRequest(
            "invalid_json", "Each patch operation needs a string op and path.");
      }
      String name = op.get("op").asText();
      if (!OPS.contains(name)) {
        throw Problem.badRequest(
            "invalid_json", "Unsupported patch op '" + name + "'; use add, remove or replace.");
      }
      if (!"remove".equals(name) && !op.has("value")) {
        throw Problem.badRequest("invalid_json", "Patch op '" + name + "' needs a value.");
      }
      String path = op.get("path").asText();
      if (!pointer(path)) {
        refused.add(
            new ErrorItem(
                "invalid_patch_path",
                "The path "
                    + path
                    + " is not a JSON Pointer (RFC 6901: segments after '/', '~' only as ~0 or ~1).",
                path));
      } else if (!allowed(type.patchable(), path)) {
        refused.add(
            new ErrorItem(
                "invalid_patch_path",
                "The path " + path + " cannot be patched on a " + type.label() + "; use PUT.",
                path));
      }
    }
    if (!refused.isEmpty()) throw new Problem.Invalid(refused);
    current = withParents(current, patch);
    try {
      // A replace of a field the document does not have yet adds it: clients patch /description or
      // /disabled without knowing whether the stored flow carries the field.
      JsonNode result =
          JsonPatch.apply(
              patch,
              current,
              EnumSet.of(CompatibilityFlags.ALLOW_MISSING_TARGET_OBJECT_ON_REPLACE));
      if (!result.isObject())
        throw Problem.invalid("invalid_patch_path", "The patch must leave an object.", "");
      return (ObjectNode) result;
    } catch (JsonPatchApplicationException e) {
      throw Problem.invalid(
          "invalid_patch_path", "The patch cannot be applied: " + e.getMessage(), null);
    }
  }

  /**
   * RFC 6901 (non-empty): "/"-separated segments in which '~' only escapes as ~0 ('~') or ~1 ('/'),
   * and no deeper than a document may nest (missing parents are created, and copied recursively).
   */
  static boolean pointer(String path) {
    if (!path.startsWith("/")
        || path.chars().filter(c -> c == '/').count() > io.tributary.web.Json.MAX_DEPTH)
      return false;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '~'
          && (i + 1 == path.length() || (path.charAt(i + 1) != '0' && path.charAt(i + 1) != '1'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Creates the missing objects above a whitelisted nested path ({@code
   * /netsuite/distributed/disabled} on an export without a {@code netsuite} block), as the original
   * accepts such a replace.
   */
  private static ObjectNode withParents(ObjectNode current, JsonNode patch) {
    ObjectNode copy = current.deepCopy();
    for (JsonNode op : patch) {
      if ("remove".equals(op.get("op").asText())) continue;
      String[] segs = split(op.get("path").asText());
      ObjectNode at = copy;
      for (int i = 0; i < segs.length - 1 && at != null && !segs[i + 1].matches("\\d+|-"); i++) {
        JsonNode next = at.get(segs[i]);
        if (next == null || next.isNull()) next = at.putObject(segs[i]);
        at = next instanceof ObjectNode o ? o : null;
      }
    }
    return copy;
  }

  static boolean allowed(List<String> patterns, String path) {
    String[] segs = split(path);
    for (String pattern : patterns) {
      String[] pat = split(pattern);
      if (segs.length < pat.length) continue;
      boolean match = true;
      for (int i = 0; i < pat.length && match; i++) {
        match = pat[i].equals(segs[i]) || ("*".equals(pat[i]) && segs[i].matches("\\d+|-"));
      }
      if (match) return true;
    }
    return false;
  }

  private static String[] split(String pointer) {
    if (pointer.isEmpty() || !pointer.startsWith("/")) return new String[] {"\u0000invalid"};
    return pointer.substring(1).split("/", -1);
  }
}

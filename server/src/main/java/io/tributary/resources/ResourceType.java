package io.tributary.resources;

import io.tributary.secrets.SecretRule;
import java.util.List;
import java.util.Set;

/**
 * Everything the generic resource mechanism needs to know about one type.
 *
 * @param path the URL segment and stored type name ("flows")
 * @param auditName the {@code resourceType} of audit entries ("flow")
 * @param label how messages name one ("Flow")
 * @param patchable JSON Pointer patterns a PATCH may touch; {@code *} matches one array index, and
 *     a pattern also allows every path beneath it
 * @param summaryFields fields an {@code ?include=} projection always keeps, besides {@code _id}
 * @param listOmitted fields left out of list items (a script's {@code content})
 * @param readOnly fields clients cannot set; dropped from POST and PUT bodies
 * @param afterUpdate what an update of this type changes elsewhere, in the same transaction (null:
 *     nothing)
 */
public record ResourceType(
    String path,
    String auditName,
    String label,
    List<String> patchable,
    List<String> summaryFields,
    Set<String> listOmitted,
    Set<String> readOnly,
    SecretRule secrets,
    ResourceValidator validator,
    AfterUpdate afterUpdate) {

  public ResourceType(
      String path,
      String auditName,
      String label,
      List<String> patchable,
      List<String> summaryFields,
      Set<String> listOmitted,
      Set<String> readOnly,
      SecretRule secrets,
      ResourceValidator validator) {
    this(
        path,
        auditName,
        label,
        patchable,
        summaryFields,
        listOmitted,
        readOnly,
        secrets,
        validator,
        null);
  }

  /** Keeps other documents consistent with an update (e.g. flows of a removed flow grouping). */
  @FunctionalInterface
  public interface AfterUpdate {
    void after(
        ResourceService.Tx tx, StoredDoc before, StoredDoc after, io.tributary.web.Actor actor);
  }
}

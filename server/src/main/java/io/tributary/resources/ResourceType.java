package io.tributary.resources;

import java.util.List;
import java.util.Set;

/**
 * Everything the generic resource mechanism needs to know about one type.
 *
 * @param path the URL segment and stored type name ("flows")
 * @param auditName the {@code resourceType} of audit entries ("flow")
 * @param label how messages name one ("Flow")
 * @param patchable JSON Pointer patterns a PATCH may touch; {@code *} matches one array index,
 *     and a pattern also allows every path beneath it
 * @param summaryFields fields an {@code ?include=} projection always keeps, besides {@code _id}
 * @param listOmitted fields left out of list items (a script's {@code content})
 * @param readOnly fields clients cannot set; dropped from POST and PUT bodies
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
    ResourceValidator validator) {}

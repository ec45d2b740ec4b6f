package io.tributary.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A resource as stored: its indexed columns and its document (secrets encrypted). */
public record StoredDoc(
    String id,
    String type,
    String integrationId,
    String connectionId,
    long createdAt,
    long lastModified,
    ObjectNode body) {

  public StoredDoc withBody(ObjectNode newBody, long modifiedAt) {
    return new StoredDoc(
        id,
        type,
        text(newBody, "_integrationId"),
        text(newBody, "_connectionId"),
        createdAt,
        modifiedAt,
        newBody);
  }

  public static StoredDoc of(String id, String type, long now, ObjectNode body) {
    return new StoredDoc(
        id, type, text(body, "_integrationId"), text(body, "_connectionId"), now, now, body);
  }

  private static String text(ObjectNode body, String field) {
    var n = body.get(field);
    return n != null && n.isTextual() ? n.asText() : null;
  }
}

package io.tributary.resources;

/** A reference from a document field (dotted path) to another resource. */
public record Ref(String field, String targetType, String targetId) {}

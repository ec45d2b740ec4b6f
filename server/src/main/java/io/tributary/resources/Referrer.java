package io.tributary.resources;

/** A resource that references another one, and through which field. */
public record Referrer(String id, String type, String field) {}

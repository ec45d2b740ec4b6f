package io.tributary.access;

/** The kinds of things an access rule can be about, with the store type that holds them. */
public enum Kind {
  INTEGRATION("integrations"),
  FLOW("flows"),
  EXPORT("exports"),
  IMPORT("imports"),
  CONNECTION("connections"),
  SCRIPT("scripts"),
  JOB(null);

  private final String resourceType;

  Kind(String resourceType) {
    this.resourceType = resourceType;
  }

  /** The {@code resources.type} value, or null for kinds stored elsewhere (jobs). */
  public String resourceType() {
    return resourceType;
  }

  public static Kind ofResourceType(String type) {
    for (Kind k : values()) {
      if (type.equals(k.resourceType)) return k;
    }
    return null;
  }
}

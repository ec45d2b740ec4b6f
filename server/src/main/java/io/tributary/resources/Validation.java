package io.tributary.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.ErrorItem;
import io.tributary.core.Ids;
import io.tributary.core.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a validator sees while it checks one document: the problems found so far, the references it
 * declared, and a way to read the referenced resources inside the writing transaction.
 */
public final class Validation {
  private final String selfId;
  private final String selfType;
  private final Function<String, Optional<StoredDoc>> reader;
  private final List<ErrorItem> problems = new ArrayList<>();
  private final List<Ref> refs = new ArrayList<>();
  private final Map<String, Optional<StoredDoc>> cache = new LinkedHashMap<>();

  public Validation(String selfId, String selfType, Function<String, Optional<StoredDoc>> reader) {
    this.selfId = selfId;
    this.selfType = selfType;
    this.reader = reader;
  }

  /** The id of the document being validated (null on create before the id is known). */
  public String selfId() {
    return selfId;
  }

  public void problem(String code, String message, String field) {
    problems.add(new ErrorItem(code, message, field));
  }

  public void missing(String field) {
    problem("missing_required_field", field + " is required", field);
  }

  public void invalid(String field, String message) {
    problem("invalid_field", message, field);
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  /**
   * Declares that {@code field} references a resource of {@code type} and answers it when it
   * exists. An id that is not an id, or names nothing of that type, is an {@code invalid_ref}
   * problem.
   */
  public Optional<ObjectNode> reference(String field, String type, JsonNode idNode) {
    if (idNode == null || idNode.isNull()) return Optional.empty();
    String label = ResourceTypes.label(type);
    if (!idNode.isTextual() || !Ids.isId(idNode.asText())) {
      problem(
          "invalid_ref", "Invalid reference: " + field + " must be the id of a " + label, field);
      return Optional.empty();
    }
    String id = idNode.asText();
    if (id.equals(selfId) && type.equals(selfType)) {
      // A resource may name itself (a flow alias naming its own flow); there is nothing to read
      // yet.
      refs.add(new Ref(field, type, id));
      return Optional.empty();
    }
    Optional<StoredDoc> target = cache.computeIfAbsent(id, reader);
    if (target.isEmpty() || !target.get().type().equals(type)) {
      problem("invalid_ref", label + " not found for the given id " + id, field);
      return Optional.empty();
    }
    refs.add(new Ref(field, type, id));
    return Optional.of(target.get().body());
  }

  public List<Ref> refs() {
    return refs;
  }

  public void throwIfInvalid() {
    if (!problems.isEmpty()) throw new Problem.Invalid(problems);
  }
}

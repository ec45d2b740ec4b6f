package io.tributary.mapping;

/** Raised inside a mapper for one record; becomes a {@link MapResult.Failed}. */
final class MappingFailure extends RuntimeException {
  final String code;
  final String field;

  MappingFailure(String code, String message, String field) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

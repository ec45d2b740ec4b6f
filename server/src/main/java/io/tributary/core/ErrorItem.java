package io.tributary.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of the error envelope; {@code field} is the dotted path of the offending field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorItem(String code, String message, String field) {}

package io.tributary.templating;

import com.github.jknack.handlebars.Options;
import com.github.jknack.handlebars.TagType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of one helper call. Handlebars.java hands a helper its first argument as the
 * "context" and the rest as {@code options.params}; integrator.io documents helpers by position,
 * so this puts them back in one list.
 */
final class Args {
  private final Object first;
  private final Options options;

  Args(Object first, Options options) {
    this.first = first;
    this.options = options;
  }

  String helper() {
    return options.helperName;
  }

  /** Number of arguments written after the helper name (a call without any still gets the scope as context). */
  int count() {
    return options.params.length + 1;
  }

  boolean has(int i) {
    return i < count();
  }

  Object get(int i) {
    if (i == 0) return first;
    return i - 1 < options.params.length ? options.params[i - 1] : null;
  }

  List<Object> all() {
    List<Object> out = new ArrayList<>(count());
    for (int i = 0; i < count(); i++) out.add(get(i));
    return out;
  }

  String text(int i) {
    return Values.text(get(i));
  }

  /** Text of an optional argument, or {@code fallback} when it was not given or is empty. */
  String text(int i, String fallback) {
    String s = has(i) ? text(i) : "";
    return s.isEmpty() ? fallback : s;
  }

  BigDecimal number(int i) {
    if (!has(i)) throw new TemplateException(helper() + ": argument " + (i + 1) + " is missing");
    return Values.number(get(i), helper());
  }

  int integer(int i, int fallback) {
    return has(i) ? number(i).intValue() : fallback;
  }

  /** A block call renders its body or its else branch; an inline call or subexpression answers the boolean. */
  Object block(boolean result) throws IOException {
    if (options.tagType == TagType.SECTION) return result ? options.fn() : options.inverse();
    return result;
  }

  Options options() {
    return options;
  }
}

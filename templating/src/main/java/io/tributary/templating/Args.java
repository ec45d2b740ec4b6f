package io.tributary.templating;

import com.github.jknack.handlebars.Options;
import com.github.jknack.handlebars.TagType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of one helper call. Handlebars.java hands a helper its first argument as the
 * "context" and the rest as {@code options.params}; integrator.io documents helpers by position, so
 * this puts them back in one list.
 */
final class Args {
  private final String helper;
  private final Object first;
  private final Object[] rest;
  private final Options options;

  Args(Object first, Options options) {
    this(options.helperName, first, options.params, options);
  }

  /** A call evaluated without Handlebars ({@link InlineCall}): an inline call, with no options. */
  Args(String helper, Object first, Object[] rest) {
    this(helper, first, rest, null);
  }

  private Args(String helper, Object first, Object[] rest, Options options) {
    this.helper = helper;
    this.first = first;
    this.rest = rest;
    this.options = options;
  }

  /** Thrown to an {@link InlineCall} whose helper turns out to need Handlebars' options. */
  static final class NeedsOptions extends RuntimeException {
    NeedsOptions() {
      super(null, null, false, false);
    }
  }

  String helper() {
    return helper;
  }

  /**
   * Number of arguments written after the helper name (a call without any still gets the scope as
   * context).
   */
  int count() {
    return rest.length + 1;
  }

  boolean has(int i) {
    return i < count();
  }

  Object get(int i) {
    if (i == 0) return first;
    return i - 1 < rest.length ? rest[i - 1] : null;
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

  /**
   * A block call renders its body or its else branch; an inline call or subexpression answers the
   * boolean.
   */
  Object block(boolean result) throws IOException {
    if (options != null && options.tagType == TagType.SECTION)
      return result ? options.fn() : options.inverse();
    return result;
  }

  Options options() {
    if (options == null) throw new NeedsOptions();
    return options;
  }
}

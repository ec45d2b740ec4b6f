package io.tributary.filters;

import io.tributary.adaptors.json.JsonPaths;

/** One {@code {"extract", "generate"}} pair of Transformation 1.0, in the shape it runs in. */
sealed interface TransformRule {

  /**
   * The value at {@code extract} written at {@code generate}. An extract with {@code [*]} collects
   * every element's value into one array ({@code items[*].sku} to {@code skus}).
   */
  record Copy(String extract, String generate) implements TransformRule {}

  /**
   * {@code [*]} on both sides: one output element per element of the source array, so {@code
   * items[*].sku} to {@code lines[*].code} builds {@code lines[i].code} from {@code items[i].sku}.
   * {@code relative} is read from each element ("" is the element itself); the target is {@code
   * before[i]after}.
   */
  record PerElement(String source, String relative, String before, String after)
      implements TransformRule {
    String target(int i) {
      return before + "[" + i + "]" + after;
    }
  }

  /** Validates the pair and picks its shape; {@code at} locates the rule for error messages. */
  static TransformRule of(String extract, String generate, String at) {
    String ex = FieldPaths.checked(extract, at + ".extract");
    String gen = FieldPaths.checked(generate, at + ".generate");
    var steps = JsonPaths.parse(gen);
    if (!steps.isEmpty() && !(steps.get(0) instanceof JsonPaths.Field)) {
      throw new InvalidRuleException(
          at + ".generate", "must start with a field name, got \"" + generate + "\"");
    }
    int genStars = FieldPaths.stars(gen);
    if (genStars == 0) return new Copy(ex, gen);
    // Transformation 1.0 builds one level of arrays; deeper reshaping is what 2.0 and scripts are
    // for.
    if (genStars > 1)
      throw new InvalidRuleException(
          at + ".generate", "at most one [*] is supported, got \"" + generate + "\"");
    if (FieldPaths.stars(ex) == 0) {
      throw new InvalidRuleException(
          at + ".generate", "has [*] but extract \"" + extract + "\" has no array to iterate");
    }
    int e = ex.indexOf("[*]");
    int g = gen.indexOf("[*]");
    String relative = ex.substring(e + 3).replaceFirst("^\\.", "");
    return new PerElement(ex.substring(0, e), relative, gen.substring(0, g), gen.substring(g + 3));
  }
}

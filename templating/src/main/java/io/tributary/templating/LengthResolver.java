package io.tributary.templating;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.jknack.handlebars.ValueResolver;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * {@code .length} of strings and arrays, as JavaScript offers it ({@code {{record.phone.length}}}).
 */
enum LengthResolver implements ValueResolver {
  INSTANCE;

  @Override
  public Object resolve(Object context, String name) {
    if (!"length".equals(name)) return UNRESOLVED;
    if (context instanceof CharSequence s) return s.length();
    if (context instanceof Collection<?> c) return c.size();
    if (context instanceof JsonNode n && n.isArray()) return n.size();
    if (context instanceof JsonNode n && n.isTextual()) return n.asText().length();
    return UNRESOLVED;
  }

  @Override
  public Object resolve(Object context) {
    return UNRESOLVED;
  }

  @Override
  public Set<Map.Entry<String, Object>> propertySet(Object context) {
    return Set.of();
  }
}

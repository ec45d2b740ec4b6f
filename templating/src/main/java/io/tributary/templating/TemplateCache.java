package io.tributary.templating;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Compiled templates by source, least recently used evicted past a bound: templates come from
 * resources (a few per flow), but bodies built by hooks could otherwise grow it without limit.
 * Compiling happens outside the lock; two threads may compile the same template once each.
 */
final class TemplateCache<T> {
  private final Map<String, T> entries;

  TemplateCache(int limit) {
    this.entries =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
            return size() > limit;
          }
        };
  }

  T get(String source, Function<String, T> compile) {
    synchronized (entries) {
      T t = entries.get(source);
      if (t != null) return t;
    }
    T compiled = compile.apply(source);
    synchronized (entries) {
      entries.putIfAbsent(source, compiled);
    }
    return compiled;
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}

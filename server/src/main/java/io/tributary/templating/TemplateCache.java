package io.tributary.templating;

import com.github.jknack.handlebars.Template;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Compiled templates by source, least recently used evicted past a bound: templates come from
 * resources (a few per flow), but bodies built by hooks could otherwise grow it without limit.
 * Compiling happens outside the lock; two threads may compile the same template once each.
 */
final class TemplateCache {
  private final Map<String, Template> entries;

  TemplateCache(int limit) {
    this.entries = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Template> eldest) {
        return size() > limit;
      }
    };
  }

  Template get(String source, Function<String, Template> compile) {
    synchronized (entries) {
      Template t = entries.get(source);
      if (t != null) return t;
    }
    Template compiled = compile.apply(source);
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

package io.tributary.scripting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Runs script functions in GraalJS under the CONSTRAINED sandbox: no host classes, IO, environment,
 * threads, native code or other languages. One shared {@link Engine} keeps each script's parsed
 * code (a {@link Source} is parsed once per engine, so once per script version); every call gets a
 * fresh {@link Context}, so no state survives from one call to the next.
 *
 * <p>Runs in a script worker process ({@link WorkerMain}), whose small heap is what bounds a
 * script's memory: the CONSTRAINED sandbox of the community edition cannot. Not thread-safe: a
 * worker runs one call at a time.
 */
final class JsRuntime implements AutoCloseable {
  static final int MAX_LOG_LINES = 100;
  static final int MAX_LOG_CHARS = 4000;
  private static final int MAX_SOURCES = 256;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Installs a console that keeps bounded lines; answers the function that hands them over. */
  private static final Source PRELUDE =
      Source.create(
          "js",
          """
          (function () {
            const logs = [];
            let dropped = 0;
            const now = Date.now;
            const show = (a) => {
              if (typeof a === 'string') return a;
              try { const s = JSON.stringify(a); return s === undefined ? String(a) : s; }
              catch (e) { return String(a); }
            };
            const write = (level) => (...args) => {
              if (logs.length >= %d) { dropped++; return; }
              let m = args.map(show).join(' ');
              if (m.length > %d) m = m.substring(0, %d) + ' ... (truncated)';
              logs.push({time: now(), level, message: m});
            };
            const c = Object.freeze({log: write('info'), info: write('info'), debug: write('debug'),
                                     warn: write('warn'), error: write('error'), trace: write('debug')});
            Object.defineProperty(globalThis, 'console', {value: c, writable: false, configurable: false});
            return function () {
              const all = logs.slice();
              if (dropped) all.push({time: now(), level: 'warn',
                                     message: dropped + ' more log lines of this call were dropped'});
              return JSON.stringify(all);
            };
          })()
          """
              .formatted(MAX_LOG_LINES, MAX_LOG_CHARS, MAX_LOG_CHARS));

  /**
   * Calls the function with the parsed options; answers its value as JSON text ("null" for none).
   */
  private static final Source CALLER =
      Source.create(
          "js",
          """
          (function (f, s) {
            const r = f(JSON.parse(s));
            if (r === undefined || typeof r === 'function' || typeof r === 'symbol') return 'null';
            const j = JSON.stringify(r);
            return j === undefined ? 'null' : j;
          })
          """);

  private final Engine engine;
  private final Map<String, Source> sources =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Source> eldest) {
          return size() > MAX_SOURCES;
        }
      };

  JsRuntime() {
    this.engine =
        Engine.newBuilder("js")
            .sandbox(SandboxPolicy.CONSTRAINED)
            .out(OutputStream.nullOutputStream())
            .err(OutputStream.nullOutputStream())
            // Interpreted on purpose (see WorkerPool): the warning would only repeat that choice.
            .option("engine.WarnInterpreterOnly", "false")
            .build();
  }

  /**
   * Runs {@code function} of the script {@code key} (its text {@code content}) on {@code input}.
   */
  Answer call(String key, String content, String function, String input) {
    try (Context ctx = context()) {
      Value drain = ctx.eval(PRELUDE);
      try {
        ctx.eval(source(key, content));
        Value fn = ctx.getBindings("js").getMember(function);
        if (fn == null || !fn.canExecute())
          return Answer.failed(
              ScriptFailure.MISSING,
              "The script declares no function " + function + ".",
              logs(drain));
        String json = ctx.eval(CALLER).execute(fn, input).asString();
        return Answer.ok(json, logs(drain));
      } catch (PolyglotException e) {
        return Answer.failed(code(e), message(e), logsAfter(drain));
      }
    } catch (PolyglotException e) {
      return Answer.failed(code(e), message(e), List.of());
    }
  }

  /** The top-level functions script {@code key} declares (its top-level code runs to find them). */
  Answer functions(String key, String content) {
    try (Context ctx = context()) {
      ctx.eval(PRELUDE);
      try {
        ctx.eval(source(key, content));
        Value bindings = ctx.getBindings("js");
        var names = JSON.createArrayNode();
        for (String name : bindings.getMemberKeys())
          if (!name.equals("console") && bindings.getMember(name).canExecute()) names.add(name);
        return Answer.ok(names.toString(), List.of());
      } catch (PolyglotException e) {
        return Answer.failed(code(e), message(e), List.of());
      }
    } catch (PolyglotException e) {
      return Answer.failed(code(e), message(e), List.of());
    }
  }

  private Context context() {
    return Context.newBuilder("js")
        .engine(engine)
        .sandbox(SandboxPolicy.CONSTRAINED)
        .out(OutputStream.nullOutputStream())
        .err(OutputStream.nullOutputStream())
        .allowIO(IOAccess.NONE)
        .allowEnvironmentAccess(EnvironmentAccess.NONE)
        .allowPolyglotAccess(PolyglotAccess.NONE)
        .allowCreateThread(false)
        .allowCreateProcess(false)
        .allowNativeAccess(false)
        // The shell's load() (reads files; refused anyway without IO), print() and the Graal and
        // Polyglot objects: nothing a hook needs.
        .option("js.load", "false")
        .option("js.print", "false")
        .option("js.graal-builtin", "false")
        .build();
  }

  private Source source(String key, String content) {
    Source s = sources.get(key);
    if (s == null || !s.getCharacters().toString().equals(content)) {
      s = Source.newBuilder("js", content, key + ".js").cached(true).buildLiteral();
      sources.put(key, s);
    }
    return s;
  }

  private static String code(PolyglotException e) {
    if (e.isCancelled() || e.isResourceExhausted() && !e.isGuestException())
      return ScriptFailure.TIMEOUT;
    return ScriptFailure.ERROR;
  }

  private static String message(PolyglotException e) {
    String m = e.getMessage();
    return m == null ? "The script failed." : m;
  }

  private static List<LogLine> logsAfter(Value drain) {
    try {
      return logs(drain);
    } catch (PolyglotException e) {
      return List.of(); // the context was cancelled: its lines are lost with it
    }
  }

  private static List<LogLine> logs(Value drain) {
    List<LogLine> out = new ArrayList<>();
    try {
      for (JsonNode l : JSON.readTree(drain.execute().asString()))
        out.add(
            new LogLine(
                l.path("time").asLong(), l.path("level").asText(), l.path("message").asText()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the console kept lines that are not JSON", e);
    }
    return out;
  }

  @Override
  public void close() {
    engine.close(true);
  }
}

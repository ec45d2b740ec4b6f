package io.tributary.scripting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls the functions of stored scripts: the one way the engine (hooks, script filters and
 * transforms, router branching) runs JavaScript. Scripts are read from the store at each call, so a
 * changed script takes effect at the next call; a version is parsed once where it runs.
 */
public final class Scripts implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A stored script: its id, a version that changes whenever it changes, and its JavaScript. */
  public record Script(String id, long version, String content) {}

  /** Reads scripts from the store. */
  public interface Store {
    Optional<Script> find(String scriptId);
  }

  /** Keeps what scripts write with {@code console.*}; must not throw. */
  public interface LogSink {
    void write(String scriptId, String function, ScriptTags tags, List<LogLine> lines);

    LogSink NONE = (s, f, t, l) -> {};
  }

  private record Declared(String content, Set<String> functions) {}

  private final Store store;
  private final Runner runner;
  private final LogSink logs;
  private final Map<String, Declared> declared = new ConcurrentHashMap<>();

  Scripts(Store store, Runner runner, LogSink logs) {
    this.store = store;
    this.runner = runner;
    this.logs = logs;
  }

  /**
   * Scripts run in a pool of worker processes (see {@link WorkerPool}), started at the first call.
   */
  public static Scripts isolated(Store store, LogSink logs, ScriptSettings settings) {
    return new Scripts(store, new WorkerPool(settings), logs);
  }

  /**
   * Calls {@code function} of script {@code scriptId} with {@code options} as its single argument
   * and answers its return value as JSON ({@link NullNode} for undefined or null). What it logs is
   * kept tagged with {@code tags}.
   */
  public JsonNode call(String scriptId, String function, ObjectNode options, ScriptTags tags)
      throws ScriptFailure {
    Script script =
        store
            .find(scriptId)
            .orElseThrow(
                () -> new ScriptFailure(ScriptFailure.MISSING, "No script " + scriptId + "."));
    String input;
    try {
      input = JSON.writeValueAsString(options);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("options that are not JSON", e);
    }
    Answer a = runner.call(key(script), script.content(), function, input);
    if (!a.logs().isEmpty()) logs.write(scriptId, function, tags, a.logs());
    if (a.code() != null)
      throw new ScriptFailure(
          a.code(),
          a.code().equals(ScriptFailure.MISSING)
              ? "Script " + scriptId + " declares no function " + function + "."
              : a.message());
    try {
      JsonNode n = JSON.readTree(a.json());
      return n == null ? NullNode.getInstance() : n;
    } catch (JsonProcessingException e) {
      throw new ScriptFailure(ScriptFailure.ERROR, "The script's answer is not JSON.");
    }
  }

  /** Whether script {@code scriptId} exists and declares a top-level function {@code function}. */
  public boolean hasFunction(String scriptId, String function) {
    Optional<Script> script = store.find(scriptId);
    if (script.isEmpty()) return false;
    Script s = script.get();
    Declared d = declared.get(s.id());
    if (d == null || !d.content().equals(s.content())) {
      d = new Declared(s.content(), functions(s));
      declared.put(s.id(), d);
    }
    return d.functions().contains(function);
  }

  private Set<String> functions(Script s) {
    Answer a = runner.functions(key(s), s.content());
    Set<String> names = new HashSet<>();
    if (a.code() != null) return names; // top-level code that throws declares nothing usable
    try {
      JSON.readTree(a.json()).forEach(n -> names.add(n.asText()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the worker answered names that are not JSON", e);
    }
    return names;
  }

  private static String key(Script s) {
    return s.id() + "@" + s.version();
  }

  @Override
  public void close() {
    runner.close();
  }
}

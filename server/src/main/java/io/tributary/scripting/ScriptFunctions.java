package io.tributary.scripting;

import java.util.regex.Pattern;

/**
 * Whether a script's text declares a function of a name, read without running it: {@code function
 * name(}, or {@code const|let|var name =} bound to a function or an arrow. What saving a resource
 * checks (it must not wait for a worker); the run's start checks again by running the script's
 * top-level code ({@link Scripts#hasFunction}).
 */
public final class ScriptFunctions {
  private ScriptFunctions() {}

  public static boolean declares(String content, String name) {
    if (content == null || name == null || !name.matches("[A-Za-z_$][\\w$]*")) return false;
    String n = Pattern.quote(name);
    return Pattern.compile("(^|[^\\w$.])(async\\s+)?function\\s*\\*?\\s*" + n + "\\s*\\(")
            .matcher(content)
            .find()
        || Pattern.compile(
                "(^|[^\\w$.])(const|let|var)\\s+"
                    + n
                    + "\\s*=\\s*(async\\s+)?(function\\b|\\([^)]*\\)\\s*=>|[A-Za-z_$][\\w$]*\\s*=>)")
            .matcher(content)
            .find();
  }
}

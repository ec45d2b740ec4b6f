package io.tributary.cli;

import java.util.regex.Pattern;

/** Ids given on the command line: checked before they reach a URL path. */
final class Ids {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");

  private Ids() {}

  static boolean isId(String s) {
    return s != null && ID.matcher(s).matches();
  }

  static String checked(String s, String what) {
    if (!isId(s))
      throw new CliFailure(
          ExitCodes.USAGE, "\"" + s + "\" is not a " + what + " id (24 hex digits)");
    return s;
  }
}

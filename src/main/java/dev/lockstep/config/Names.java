package dev.lockstep.config;

import dev.lockstep.model.Problem;
import dev.lockstep.model.Source;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Repo and artifact ids are names before they become paths (work folders, output files, manifest
 * names): letters, digits, {@code .}, {@code _} and {@code -}, starting and ending with a letter or
 * digit; never empty, never {@code /} or {@code ..}.
 */
final class Names {
  static final int MAX_LENGTH = 128;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");

  private Names() {}

  static boolean isName(String id) {
    return id != null
        && id.length() <= MAX_LENGTH
        && NAME.matcher(id).matches()
        && !id.contains("..");
  }

  /** Records a problem at {@code at} and returns false when {@code id} is not a name. */
  static boolean check(String id, Source at, List<Problem> problems) {
    if (isName(id)) {
      return true;
    }
    String shown = id == null ? "null" : id.length() > 40 ? id.substring(0, 40) + "..." : id;
    problems.add(
        Problem.at(
            at,
            "id '"
                + shown
                + "' is not a name (ids become folder and file names: letters, digits, '.', '_'"
                + " and '-', starting and ending with a letter or digit, no '..', at most "
                + MAX_LENGTH
                + " characters)",
            "rename it, e.g. '" + suggestion(id) + "'"));
    return false;
  }

  private static String suggestion(String id) {
    String s =
        id == null
            ? ""
            : id.replaceAll("[^A-Za-z0-9._-]+", "-")
                .replaceAll("\\.\\.+", ".")
                .replaceAll("^[._-]+|[._-]+$", "");
    if (s.length() > MAX_LENGTH) {
      s = s.substring(0, MAX_LENGTH);
    }
    return s.isEmpty() ? "app" : s;
  }
}

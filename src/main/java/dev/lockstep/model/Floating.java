package dev.lockstep.model;

import java.util.Set;
import java.util.regex.Pattern;

/** Values that move under you: never a version, whatever the format says. */
public final class Floating {
  private static final Set<String> WORDS =
      Set.of(
          "latest",
          "stable",
          "main",
          "master",
          "head",
          "edge",
          "nightly",
          "dev",
          "develop",
          "canary",
          "snapshot",
          "current",
          "release",
          "trunk");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,40}");

  private Floating() {}

  /** True for {@code latest}, branch names, bare commit hashes and the empty string. */
  public static boolean is(String value) {
    String v = value.strip();
    return v.isEmpty()
        || WORDS.contains(v.toLowerCase(java.util.Locale.ROOT))
        || COMMIT.matcher(v).matches();
  }
}

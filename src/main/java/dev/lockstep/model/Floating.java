package dev.lockstep.model;

import java.util.Set;

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

  private Floating() {}

  /** True for {@code latest}, branch names, bare commit hashes and the empty string. */
  public static boolean is(String value) {
    String v = value.strip();
    return v.isEmpty() || WORDS.contains(v.toLowerCase(java.util.Locale.ROOT)) || isCommit(v);
  }

  /** A bare abbreviated or full commit hash: 7 to 40 lowercase hex digits (no regex per value). */
  private static boolean isCommit(String v) {
    if (v.length() < 7 || v.length() > 40) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}

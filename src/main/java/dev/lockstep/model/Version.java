package dev.lockstep.model;

import java.util.Optional;

/** A Semantic Versioning 2.0 version; parsing and ordering come from java-semver. */
public record Version(com.github.zafarkhaja.semver.Version semver) implements Comparable<Version> {

  /**
   * Strict SemVer 2.0 parse: {@code 1.2.3}, {@code 1.2.3-rc.1}, {@code 1.2.3+build}; no leading
   * {@code v}.
   */
  public static Optional<Version> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    return com.github.zafarkhaja.semver.Version.tryParse(text, true).map(Version::new);
  }

  /**
   * {@code text} without the leading {@code v} that git tags and some charts write before a version
   * ({@code v1.2.3} is {@code 1.2.3}); anything else unchanged.
   */
  public static String withoutV(String text) {
    return text.length() > 1 && text.charAt(0) == 'v' && Character.isDigit(text.charAt(1))
        ? text.substring(1)
        : text;
  }

  /** {@link #parse} of {@link #withoutV}: {@code v1.2.3} and {@code 1.2.3} are the same version. */
  public static Optional<Version> parseLenient(String text) {
    return parse(text == null ? null : withoutV(text));
  }

  public static Version of(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException("not a version: " + text));
  }

  public long major() {
    return semver.majorVersion();
  }

  public long minor() {
    return semver.minorVersion();
  }

  public long patch() {
    return semver.patchVersion();
  }

  /** A regular release has no pre-release part ({@code 1.2.0}, not {@code 1.2.0-rc.1}). */
  public boolean isRegular() {
    return !semver.isPreRelease();
  }

  @Override
  public int compareTo(Version other) {
    return semver.compareToIgnoreBuildMetadata(other.semver);
  }

  @Override
  public String toString() {
    return semver.toString();
  }
}

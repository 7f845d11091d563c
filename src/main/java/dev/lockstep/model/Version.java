package dev.lockstep.model;

import java.util.Optional;

/**
 * A version under one {@link VersionScheme}: its text as the scheme accepted it, ordered and
 * classified by that scheme. {@link #parse} and {@link #of} read SemVer, the default scheme.
 *
 * @param text the version as written in the {@code {version}} slot (SemVer normalised)
 */
public record Version(VersionScheme scheme, String text) implements Comparable<Version> {

  /**
   * Strict SemVer 2.0 parse: {@code 1.2.3}, {@code 1.2.3-rc.1}, {@code 1.2.3+build}; no leading
   * {@code v}.
   */
  public static Optional<Version> parse(String text) {
    return VersionScheme.SEMVER.parse(text);
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

  /**
   * A version typed by a user (a pin, {@code bump}, {@code plan}) under {@code scheme}: as written,
   * else without a leading {@code v} for schemes that do not keep it.
   */
  public static Optional<Version> parseLenient(VersionScheme scheme, String text) {
    if (text == null) {
      return Optional.empty();
    }
    return scheme.parse(text).or(() -> scheme.parse(withoutV(text)));
  }

  public static Version of(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException("not a version: " + text));
  }

  /** The java-semver value of a SemVer version. */
  public com.github.zafarkhaja.semver.Version semver() {
    if (!(scheme instanceof VersionScheme.SemVer)) {
      throw new IllegalStateException(text + " is a " + scheme.name() + " version, not SemVer");
    }
    return com.github.zafarkhaja.semver.Version.parse(text, true);
  }

  /** True when {@code {major}}, {@code {minor}} and {@code {patch}} can write this version. */
  public boolean hasParts() {
    return scheme instanceof VersionScheme.SemVer || scheme instanceof VersionScheme.Loose;
  }

  public long major() {
    return part(0);
  }

  public long minor() {
    return part(1);
  }

  public long patch() {
    return part(2);
  }

  private long part(int i) {
    if (scheme instanceof VersionScheme.SemVer) {
      var v = semver();
      return i == 0 ? v.majorVersion() : i == 1 ? v.minorVersion() : v.patchVersion();
    }
    if (scheme instanceof VersionScheme.Loose) {
      var parts = VersionScheme.Loose.parts(this);
      return i < parts.size() ? parts.get(i).longValueExact() : 0;
    }
    throw new IllegalStateException(scheme.name() + " versions have no parts");
  }

  /** A regular release has no pre-release part ({@code 1.2.0}, not {@code 1.2.0-rc.1}). */
  public boolean isRegular() {
    return scheme.isRegular(this);
  }

  /** A SemVer version with build metadata ({@code 1.2.3+build.5}). */
  public boolean hasBuild() {
    return scheme instanceof VersionScheme.SemVer && semver().buildMetadata().isPresent();
  }

  /** What a newer version must share with this one to replace it (see the scheme). */
  public String identity() {
    return scheme.identity(this);
  }

  /** Ordered by the scheme; versions of two schemes (never compared in practice) by text. */
  @Override
  public int compareTo(Version other) {
    if (!scheme.equals(other.scheme)) {
      return text.compareTo(other.text);
    }
    // the same text is the same version in every scheme; most comparisons (agreement, current
    // release) are of equal versions, which then need no parse
    return text.equals(other.text) ? 0 : scheme.compare(this, other);
  }

  @Override
  public String toString() {
    return text;
  }
}

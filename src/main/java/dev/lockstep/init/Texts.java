package dev.lockstep.init;

import dev.lockstep.model.Floating;
import dev.lockstep.model.Version;
import dev.lockstep.model.VersionFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Small text helpers: formats read off a value, names normalised for matching, regex quoting. */
final class Texts {
  private Texts() {}

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z._-]{0,24}");

  /**
   * The format a value shows ({@code v{version}}, {@code release-{version}}, {@code
   * {version}@{digest}}), or empty when it is no version.
   */
  static Optional<String> formatOf(String value) {
    if (value == null || value.isEmpty() || Floating.is(value)) {
      return Optional.empty();
    }
    String digest = "";
    String v = value;
    int at = value.indexOf("@sha256:");
    if (at > 0) {
      digest = "@{digest}";
      v = value.substring(0, at);
    }
    for (int i = 0; i < v.length(); i++) {
      if (Character.isDigit(v.charAt(i))) {
        String prefix = v.substring(0, i);
        if (!PREFIX.matcher(prefix).matches() || prefix.contains("{") || prefix.contains("}")) {
          return Optional.empty();
        }
        String template = prefix + "{version}" + digest;
        try {
          return VersionFormat.of(template).parse(value).isPresent()
              ? Optional.of(template)
              : Optional.empty();
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** The version a value names in the format it shows. */
  static Optional<Version> versionOf(String value) {
    return formatOf(value)
        .flatMap(f -> VersionFormat.of(f).parse(value))
        .map(VersionFormat.Written::version);
  }

  /** A key or name reduced for matching: {@code KUBESTELLAR_VERSION} and {@code kubestellar}. */
  static String norm(String key) {
    String s = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    s = s.replaceAll("^-+|-+$", "");
    s = s.replaceAll("^default-", "");
    s = s.replaceAll("-(version|versions|release|tag|ver)$", "");
    if (s.equals("version") || s.equals("release") || s.equals("tag") || s.equals("ver")) {
      return "";
    }
    return s;
  }

  /** RE2 quoting of literal text, escaping only what RE2 needs (readable in the graph). */
  static String quote(String literal) {
    StringBuilder sb = new StringBuilder();
    for (char c : literal.toCharArray()) {
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** The capture of a value written as {@code prefix} then a version (and a digest). */
  static String capture(String template) {
    String prefix = template.substring(0, template.indexOf("{version}"));
    String body = quote(prefix) + "[0-9](?:[A-Za-z0-9._+-]*[A-Za-z0-9])?";
    if (template.endsWith("@{digest}")) {
      body += "@sha256:[0-9a-f]{64}";
    }
    return "(?<version>" + body + ")";
  }
}

package dev.lockstep.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a version is written: a template such as {@code {version}}, {@code v{version}}, {@code
 * release-{version}}, {@code {major}-{minor}-{patch}} or, for images, {@code {version}@{digest}}.
 * Text around the placeholders is literal, so {@code ghcr.io/example/lib:{version}} matches a whole
 * image reference.
 */
public record VersionFormat(String template, Pattern pattern) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
  private static final String SEMVER =
      "(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)"
          + "(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?";
  private static final String NUMBER = "(?:0|[1-9][0-9]*)";
  private static final String DIGEST = "sha256:[0-9a-f]{64}";

  public static final VersionFormat PLAIN = of("{version}");

  /**
   * Formats people commonly use; a value written in one of them but not the expected one is a
   * "wrong format".
   */
  public static final List<VersionFormat> COMMON =
      List.of(PLAIN, of("v{version}"), of("release-{version}"), of("{major}-{minor}-{patch}"));

  /** Parses a template; throws {@link IllegalArgumentException} with a user-facing reason. */
  public static VersionFormat of(String template) {
    StringBuilder regex = new StringBuilder("^");
    List<String> seen = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start())));
      String name = m.group(1);
      if (seen.contains(name)) {
        throw new IllegalArgumentException("format '" + template + "' uses {" + name + "} twice");
      }
      seen.add(name);
      switch (name) {
        case "version" -> regex.append("(?<version>").append(SEMVER).append(')');
        case "major", "minor", "patch" ->
            regex.append("(?<").append(name).append('>').append(NUMBER).append(')');
        case "digest" -> regex.append("(?<digest>").append(DIGEST).append(')');
        default ->
            throw new IllegalArgumentException(
                "format '"
                    + template
                    + "' has unknown placeholder {"
                    + name
                    + "}; use {version}, {major}, {minor}, {patch} or {digest}");
      }
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last))).append('$');
    boolean whole = seen.contains("version");
    boolean parts = seen.contains("major") && seen.contains("minor") && seen.contains("patch");
    if (!whole && !parts) {
      throw new IllegalArgumentException(
          "format '" + template + "' has no {version} (nor {major}, {minor} and {patch})");
    }
    if (whole && (seen.contains("major") || seen.contains("minor") || seen.contains("patch"))) {
      throw new IllegalArgumentException(
          "format '" + template + "' mixes {version} with {major}/{minor}/{patch}");
    }
    return new VersionFormat(template, Pattern.compile(regex.toString()));
  }

  public boolean hasDigest() {
    return template.contains("{digest}");
  }

  /** What this format writes for a version (and digest, when the format has one). */
  public String render(Version version, Optional<String> digest) {
    if (!template.contains("{version}")
        && (!version.isRegular() || version.semver().buildMetadata().isPresent())) {
      throw BadInputException.plain(
          "format '"
              + template
              + "' cannot write the pre-release or build of "
              + version
              + "; release a regular version, or write this place as {version}");
    }
    if (hasDigest() && digest.isEmpty()) {
      throw BadInputException.plain(
          "format '" + template + "' needs a digest; give one (--digest sha256:...)");
    }
    return template
        .replace("{version}", version.toString())
        .replace("{major}", Long.toString(version.major()))
        .replace("{minor}", Long.toString(version.minor()))
        .replace("{patch}", Long.toString(version.patch()))
        .replace("{digest}", digest.orElse(""));
  }

  public String render(Version version) {
    return render(version, Optional.empty());
  }

  /** The version (and digest) a written value holds, if the value is in this format. */
  public Optional<Written> parse(String text) {
    Matcher m = pattern.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    String version =
        template.contains("{version}")
            ? m.group("version")
            : m.group("major") + "." + m.group("minor") + "." + m.group("patch");
    Optional<String> digest = hasDigest() ? Optional.of(m.group("digest")) : Optional.empty();
    return Version.parse(version).map(v -> new Written(v, digest));
  }

  /** A version as read from a written value. */
  public record Written(Version version, Optional<String> digest) {}

  @Override
  public String toString() {
    return template;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionFormat f && f.template.equals(template);
  }

  @Override
  public int hashCode() {
    return template.hashCode();
  }
}

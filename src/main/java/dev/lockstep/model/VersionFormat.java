package dev.lockstep.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a version is written: a template such as {@code {version}}, {@code v{version}}, {@code
 * release-{version}}, {@code {major}-{minor}-{patch}} or, for images, {@code {version}@{digest}}.
 * Text around the placeholders is literal, so {@code ghcr.io/example/lib:{version}} matches a whole
 * image reference.
 *
 * @param imageName the image name when the template writes a whole image reference ({@code
 *     ghcr.io/o/p:{version}}, with or without {@code @{digest}}); such a value may also carry a
 *     digest its template does not name
 */
public record VersionFormat(
    String template,
    VersionScheme scheme,
    Pattern pattern,
    Pattern shape,
    Optional<String> imageName) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
  private static final String NUMBER = "(?:0|[1-9][0-9]*)";
  private static final String DIGEST = "sha256:[0-9a-f]{64}";

  /** A template that writes a whole image reference: {@code NAME:{version}[@{digest}]}. */
  private static final Pattern IMAGE =
      Pattern.compile(
          "([a-z0-9][^{}:@\\s/]*(?::[0-9]+)?(?:/[^{}:@\\s/]+)*):\\{version}(?:@\\{digest})?");

  public static final VersionFormat PLAIN = of("{version}");

  /**
   * Formats people commonly use; a value written in one of them but not the expected one is a
   * "wrong format".
   */
  public static final List<VersionFormat> COMMON =
      List.of(PLAIN, of("v{version}"), of("release-{version}"), of("{major}-{minor}-{patch}"));

  /** {@link #COMMON} read under {@code scheme}, those that can write its versions. */
  public static List<VersionFormat> common(VersionScheme scheme) {
    List<VersionFormat> out = new ArrayList<>();
    for (VersionFormat f : COMMON) {
      try {
        out.add(f.withScheme(scheme));
      } catch (IllegalArgumentException e) {
        // {major}-{minor}-{patch} under a scheme without parts
      }
    }
    return out;
  }

  /**
   * Parses a SemVer template; throws {@link IllegalArgumentException} with a user-facing reason.
   */
  public static VersionFormat of(String template) {
    return of(template, VersionScheme.SEMVER);
  }

  /**
   * Parses a template whose {@code {version}} is read under {@code scheme}; throws {@link
   * IllegalArgumentException} with a user-facing reason.
   */
  public static VersionFormat of(String template, VersionScheme scheme) {
    StringBuilder regex = new StringBuilder("^");
    StringBuilder shape = new StringBuilder("^");
    List<String> seen = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start())));
      shape.append(Pattern.quote(template.substring(last, m.start())));
      String name = m.group(1);
      if (seen.contains(name)) {
        throw new IllegalArgumentException("format '" + template + "' uses {" + name + "} twice");
      }
      seen.add(name);
      switch (name) {
        case "version" -> {
          regex.append("(?<version>").append(scheme.slot()).append(')');
          shape.append("(?<version>.*?)");
        }
        case "major", "minor", "patch" -> {
          regex.append("(?<").append(name).append('>').append(NUMBER).append(')');
          shape.append("(?<").append(name).append(">.*?)");
        }
        case "digest" -> {
          regex.append("(?<digest>").append(DIGEST).append(')');
          shape.append("(?<digest>.*?)");
        }
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
    regex.append(Pattern.quote(template.substring(last)));
    if (IMAGE.matcher(template).matches() && !seen.contains("digest")) {
      // a whole image reference may carry its digest: repo:tag@sha256:...
      regex.append("(?:@(?<digest>").append(DIGEST).append("))?");
      shape.append(Pattern.quote(template.substring(last))).append("(?:@.*)?$");
    } else {
      shape.append(Pattern.quote(template.substring(last))).append('$');
    }
    regex.append('$');
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
    if (parts
        && !(scheme instanceof VersionScheme.SemVer || scheme instanceof VersionScheme.Loose)) {
      throw new IllegalArgumentException(
          "format '"
              + template
              + "' writes {major}, {minor} and {patch}, which "
              + scheme.name()
              + " versions do not have; write {version}");
    }
    Matcher image = IMAGE.matcher(template);
    return new VersionFormat(
        template,
        scheme,
        Pattern.compile(regex.toString()),
        Pattern.compile(shape.toString()),
        image.matches() ? Optional.of(image.group(1)) : Optional.empty());
  }

  /** The same template read under another scheme (a reference takes its target's scheme). */
  public VersionFormat withScheme(VersionScheme other) {
    return other.equals(scheme) ? this : of(template, other);
  }

  public boolean hasDigest() {
    return template.contains("{digest}");
  }

  /** What this format writes for a version (and digest, when the format has one). */
  public String render(Version version, Optional<String> digest) {
    if (!template.contains("{version}") && (!version.isRegular() || version.hasBuild())) {
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
    String out = template.replace("{version}", version.toString());
    if (!template.contains("{version}")) {
      out =
          out.replace("{major}", Long.toString(version.major()))
              .replace("{minor}", Long.toString(version.minor()))
              .replace("{patch}", Long.toString(version.patch()));
    }
    if (!hasDigest() && imageName().isPresent() && digest.isPresent()) {
      return out + "@" + digest.get(); // a whole image reference carries tag and digest together
    }
    return out.replace("{digest}", digest.orElse(""));
  }

  public String render(Version version) {
    return render(version, Optional.empty());
  }

  /** Values read so far, by format and text: one version is written in many places. */
  private static final Map<Read, Optional<Written>> READ = new ConcurrentHashMap<>();

  /** Slots read so far, as {@link #READ}: every literal place's slot is read for floating words. */
  private static final Map<Read, Optional<String>> SLOT = new ConcurrentHashMap<>();

  /** Entries a cache takes at most, and their longest text: no input makes one grow big. */
  private static final int MAX_READ = 4096;

  private static final int MAX_READ_TEXT = 256;

  private record Read(VersionFormat format, String text) {
    // Written out: the generated ones link a method handle at first call (start-up cost).
    @Override
    public boolean equals(Object o) {
      return o instanceof Read r && r.text.equals(text) && r.format.equals(format);
    }

    @Override
    public int hashCode() {
      return format.hashCode() * 31 + text.hashCode();
    }
  }

  /** The version (and digest) a written value holds, if the value is in this format. */
  public Optional<Written> parse(String text) {
    Read key = new Read(this, text);
    Optional<Written> read = READ.get(key);
    return read != null ? read : remember(READ, key, read(text));
  }

  /** Keeps what a text read to, unless the cache is full or the text long. */
  private static <T> T remember(Map<Read, T> cache, Read key, T value) {
    if (cache.size() < MAX_READ && key.text().length() <= MAX_READ_TEXT) {
      cache.put(key, value);
    }
    return value;
  }

  private Optional<Written> read(String text) {
    Matcher m = pattern.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    String version =
        template.contains("{version}")
            ? m.group("version")
            : m.group("major") + "." + m.group("minor") + "." + m.group("patch");
    Optional<String> digest =
        hasDigest() || imageName().isPresent()
            ? Optional.ofNullable(m.group("digest"))
            : Optional.empty();
    return scheme.parse(version).map(v -> new Written(v, digest));
  }

  /**
   * The text in the {@code {version}} slot of a value written around this template, whatever it
   * holds ({@code latest} in {@code ghcr.io/o/p:latest} for {@code ghcr.io/o/p:{version}}); empty
   * when the text around the slot does not match.
   */
  public Optional<String> slot(String text) {
    Read key = new Read(this, text);
    Optional<String> slot = SLOT.get(key);
    return slot != null ? slot : remember(SLOT, key, readSlot(text));
  }

  private Optional<String> readSlot(String text) {
    Matcher m = shape.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        template.contains("{version}")
            ? m.group("version")
            : m.group("major") + "." + m.group("minor") + "." + m.group("patch"));
  }

  /** A version as read from a written value. */
  public record Written(Version version, Optional<String> digest) {}

  @Override
  public String toString() {
    return template;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionFormat f && f.template.equals(template) && f.scheme.equals(scheme);
  }

  @Override
  public int hashCode() {
    return template.hashCode() * 31 + scheme.hashCode();
  }
}

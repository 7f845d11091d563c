package dev.lockstep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How versions are written: templates, what they parse and what they render. */
class VersionFormatTest {
  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

  private static Version version(String s) {
    return Version.of(s);
  }

  private static Optional<Version> read(String template, String written) {
    return VersionFormat.of(template).parse(written).map(VersionFormat.Written::version);
  }

  @Test
  void plain() {
    VersionFormat f = VersionFormat.of("{version}");
    assertEquals(VersionFormat.PLAIN, f);
    assertEquals(Optional.of(version("0.29.0")), read("{version}", "0.29.0"));
    assertEquals(Optional.empty(), read("{version}", "v0.29.0"));
    assertEquals(Optional.empty(), read("{version}", "0.29"));
    assertEquals(Optional.empty(), read("{version}", "01.2.3"));
    assertEquals(Optional.empty(), read("{version}", " 0.29.0"));
    assertEquals(Optional.empty(), read("{version}", "0.29.0\n"));
    assertEquals("0.29.0", f.render(version("0.29.0")));
    assertFalse(f.hasDigest());
  }

  @Test
  void vPrefix() {
    assertEquals(Optional.of(version("0.29.0")), read("v{version}", "v0.29.0"));
    assertEquals(Optional.empty(), read("v{version}", "0.29.0"));
    assertEquals(Optional.empty(), read("v{version}", "vv0.29.0"));
    assertEquals("v0.29.0", VersionFormat.of("v{version}").render(version("0.29.0")));
  }

  @Test
  void releasePrefix() {
    assertEquals(Optional.of(version("0.29.0")), read("release-{version}", "release-0.29.0"));
    assertEquals(Optional.empty(), read("release-{version}", "release0.29.0"));
    assertEquals(Optional.empty(), read("release-{version}", "0.29.0"));
    assertEquals("release-0.29.0", VersionFormat.of("release-{version}").render(version("0.29.0")));
  }

  @Test
  void dashedParts() {
    VersionFormat f = VersionFormat.of("{major}-{minor}-{patch}");
    assertEquals(Optional.of(version("0.29.0")), read("{major}-{minor}-{patch}", "0-29-0"));
    assertEquals(Optional.of(version("10.2.33")), read("{major}-{minor}-{patch}", "10-2-33"));
    assertEquals(Optional.empty(), read("{major}-{minor}-{patch}", "0.29.0"));
    assertEquals(Optional.empty(), read("{major}-{minor}-{patch}", "0-29"));
    assertEquals(Optional.empty(), read("{major}-{minor}-{patch}", "00-29-0"));
    assertEquals("0-29-0", f.render(version("0.29.0")));
  }

  @Test
  void partsInAnotherOrder() {
    assertEquals(Optional.of(version("1.2.3")), read("p{patch}.m{minor}.M{major}", "p3.m2.M1"));
    assertEquals(
        "p3.m2.M1", VersionFormat.of("p{patch}.m{minor}.M{major}").render(version("1.2.3")));
  }

  @Test
  void versionWithDigest() {
    VersionFormat f = VersionFormat.of("{version}@{digest}");
    assertTrue(f.hasDigest());
    VersionFormat.Written w = f.parse("1.2.3@" + DIGEST).orElseThrow();
    assertEquals(version("1.2.3"), w.version());
    assertEquals(Optional.of(DIGEST), w.digest());
    assertEquals(Optional.empty(), f.parse("1.2.3"));
    assertEquals(Optional.empty(), f.parse("1.2.3@sha256:abc"));
    assertEquals(Optional.empty(), f.parse("1.2.3@" + DIGEST.toUpperCase(java.util.Locale.ROOT)));
    assertEquals("1.2.3@" + DIGEST, f.render(version("1.2.3"), Optional.of(DIGEST)));
    assertThrows(BadInputException.class, () -> f.render(version("1.2.3")));
  }

  @Test
  void wholeImageReference() {
    VersionFormat f = VersionFormat.of("ghcr.io/example/lib:{version}");
    assertEquals(
        Optional.of(version("1.4.0")),
        read("ghcr.io/example/lib:{version}", "ghcr.io/example/lib:1.4.0"));
    assertEquals(
        Optional.empty(), read("ghcr.io/example/lib:{version}", "ghcr.io/example/other:1.4.0"));
    assertEquals(
        Optional.empty(),
        read("ghcr.io/example/lib:{version}", "ghcrXio/example/lib:1.4.0"),
        "dots are literal");
    assertEquals(Optional.empty(), read("ghcr.io/example/lib:{version}", "1.4.0"));
    assertEquals("ghcr.io/example/lib:1.4.0", f.render(version("1.4.0")));
  }

  @Test
  void regexCharactersInATemplateAreLiteral() {
    assertEquals(Optional.of(version("1.2.3")), read("[v{version}]+(x)", "[v1.2.3]+(x)"));
    assertEquals(Optional.empty(), read("[v{version}]+(x)", "v1.2.3x"));
  }

  @Test
  void prerelease() {
    Version rc = read("v{version}", "v1.2.3-rc.1").orElseThrow();
    assertEquals("1.2.3-rc.1", rc.toString());
    assertFalse(rc.isRegular());
    assertTrue(version("1.2.3").isRegular());
    assertTrue(rc.compareTo(version("1.2.3")) < 0);
    assertTrue(version("1.2.3-alpha").compareTo(version("1.2.3-alpha.1")) < 0);
    assertTrue(version("1.2.3-alpha.1").compareTo(version("1.2.3-beta")) < 0);
    assertTrue(
        version("1.2.3-rc.2").compareTo(version("1.2.3-rc.10")) < 0,
        "numeric identifiers compare as numbers");
    assertEquals("release-1.2.3-rc.1", VersionFormat.of("release-{version}").render(rc));
  }

  @Test
  void buildMetadata() {
    Version b = read("{version}", "1.2.3+build.5").orElseThrow();
    assertEquals("1.2.3+build.5", b.toString());
    assertTrue(b.isRegular());
    assertEquals(0, b.compareTo(version("1.2.3")), "build metadata does not order");
    assertEquals("v1.2.3+build.5", VersionFormat.of("v{version}").render(b));
  }

  @Test
  void prereleaseAndBuildMetadata() {
    Version v = read("release-{version}", "release-1.2.3-rc.1+sha.5114f85").orElseThrow();
    assertEquals("1.2.3-rc.1+sha.5114f85", v.toString());
    assertFalse(v.isRegular());
  }

  @Test
  void prereleaseWithLeadingZeroIsNotAVersion() {
    assertEquals(Optional.empty(), read("{version}", "1.2.3-01"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{version}", "v{version}", "release-{version}", "ghcr.io/example/lib:{version}"})
  void renderThenParseGivesTheVersionBack(String template) {
    VersionFormat f = VersionFormat.of(template);
    for (String s : List.of("0.0.0", "0.29.0", "1.2.3-rc.1", "1.2.3+b.7", "10.20.30-alpha.1+x.y")) {
      Version v = version(s);
      String written = f.render(v);
      assertEquals(
          Optional.of(v.toString()),
          f.parse(written).map(w -> w.version().toString()),
          template + " / " + s);
    }
  }

  @Test
  void partsFormatDoesNotSilentlyDropAPrerelease() {
    VersionFormat f = VersionFormat.of("{major}-{minor}-{patch}");
    Version rc = version("1.2.3-rc.1");
    String written;
    try {
      written = f.render(rc);
    } catch (BadInputException refused) {
      return; // refusing to write a pre-release it cannot express is fine
    }
    Optional<Version> back = f.parse(written).map(VersionFormat.Written::version);
    assertEquals(
        Optional.of(rc),
        back,
        "'"
            + written
            + "' is what {major}-{minor}-{patch} writes for "
            + rc
            + "; it reads back as "
            + back);
  }

  @Test
  void unknownPlaceholder() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> VersionFormat.of("{verison}"));
    assertTrue(e.getMessage().contains("{verison}"), e.getMessage());
    assertTrue(e.getMessage().contains("{version}"), e.getMessage());
  }

  @Test
  void templatesThatCannotHoldAVersion() {
    for (String bad : List.of("", "v", "latest", "{major}-{minor}", "{digest}")) {
      assertThrows(IllegalArgumentException.class, () -> VersionFormat.of(bad), bad);
    }
  }

  @Test
  void placeholderTwiceOrMixed() {
    assertThrows(IllegalArgumentException.class, () -> VersionFormat.of("{version}-{version}"));
    assertThrows(IllegalArgumentException.class, () -> VersionFormat.of("{version}-{major}"));
  }

  @Test
  void formatsAreEqualByTemplate() {
    assertEquals(VersionFormat.of("v{version}"), VersionFormat.of("v{version}"));
    assertEquals(
        VersionFormat.of("v{version}").hashCode(), VersionFormat.of("v{version}").hashCode());
    assertFalse(VersionFormat.of("v{version}").equals(VersionFormat.PLAIN));
    assertEquals("v{version}", VersionFormat.of("v{version}").toString());
  }

  @Test
  void commonFormatsTellSpellingsApart() {
    Version v = version("0.29.0");
    for (String written : List.of("0.29.0", "v0.29.0", "release-0.29.0", "0-29-0")) {
      long readers =
          VersionFormat.COMMON.stream().filter(f -> f.parse(written).isPresent()).count();
      assertEquals(1, readers, written);
      assertTrue(
          VersionFormat.COMMON.stream()
              .anyMatch(f -> f.parse(written).map(w -> w.version().equals(v)).orElse(false)),
          written);
    }
  }

  @Test
  void slotsAreReadPerFormatEvenWhenRemembered() {
    VersionFormat image = VersionFormat.of("ghcr.io/o/p:{version}");
    VersionFormat parts = VersionFormat.of("v{major}.{minor}.{patch}");
    for (int round = 0; round < 2; round++) { // the second round is answered from the cache
      assertEquals(Optional.of("latest"), image.slot("ghcr.io/o/p:latest"));
      assertEquals(Optional.of("1.2.3"), image.slot("ghcr.io/o/p:1.2.3@" + DIGEST));
      assertEquals(Optional.empty(), image.slot("ghcr.io/o/q:latest"));
      assertEquals(Optional.of("1.2.3"), parts.slot("v1.2.3"));
      assertEquals(Optional.empty(), parts.slot("ghcr.io/o/p:latest"));
    }
    String longText = "ghcr.io/o/p:" + "x".repeat(300); // too long to keep, still read
    assertEquals(Optional.of("x".repeat(300)), image.slot(longText));
    assertEquals(Optional.of("x".repeat(300)), image.slot(longText));
  }
}

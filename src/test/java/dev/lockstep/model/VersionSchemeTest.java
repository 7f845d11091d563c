package dev.lockstep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each scheme's parse, order, stability, identity and floating values. */
class VersionSchemeTest {
  private static Version v(VersionScheme s, String text) {
    return s.parse(text).orElseThrow(() -> new AssertionError(text + " under " + s.name()));
  }

  private static List<String> sorted(VersionScheme s, String... texts) {
    List<Version> out = new ArrayList<>();
    for (String t : texts) {
      out.add(v(s, t));
    }
    Collections.sort(out);
    return out.stream().map(Version::toString).toList();
  }

  @Test
  void semverComparesNumericRunsInsidePreReleaseIdentifiers() {
    assertEquals(
        List.of("0.2.0-rc1", "0.2.0-rc8", "0.2.0-rc9", "0.2.0-rc16", "0.2.0"),
        sorted(VersionScheme.SEMVER, "0.2.0-rc16", "0.2.0", "0.2.0-rc9", "0.2.0-rc1", "0.2.0-rc8"));
    // SemVer's own rules stay: numeric identifiers first, fewer identifiers first
    assertEquals(
        List.of("1.0.0-1", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-rc.2"),
        sorted(
            VersionScheme.SEMVER,
            "1.0.0-rc.2",
            "1.0.0-alpha.beta",
            "1.0.0-alpha",
            "1.0.0-1",
            "1.0.0-alpha.1"));
    assertEquals(0, Version.of("1.2.3+a").compareTo(Version.of("1.2.3+b")));
    assertFalse(Version.of("1.2.3-rc.1").isRegular());
    assertTrue(VersionScheme.SEMVER.parse("1.29").isEmpty());
    assertTrue(VersionScheme.SEMVER.parse("v1.2.3").isEmpty());
  }

  @Test
  void looseReadsWhatImagesAndDistributionsWrite() {
    VersionScheme loose = new VersionScheme.Loose();
    for (String t :
        List.of("3.19", "1.29", "22.04", "1.24-alpine", "v1.32.13-k3s1", "1", "1.2.3.4")) {
      assertEquals(t, v(loose, t).toString());
    }
    for (String t : List.of("latest", "1.2.3.4.5", "alpine", "", "1.2-", "x1.2")) {
      assertTrue(loose.parse(t).isEmpty(), t);
    }
    assertEquals(List.of("1.9", "1.10", "1.29"), sorted(loose, "1.29", "1.10", "1.9"));
    assertTrue(v(loose, "3.20-alpine").compareTo(v(loose, "3.19-alpine")) > 0);
    assertEquals(v(loose, "3.19-alpine").identity(), v(loose, "3.20-alpine").identity());
    assertFalse(v(loose, "3.19-alpine").identity().equals(v(loose, "3.19").identity()));
    assertFalse(v(loose, "3.19").identity().equals(v(loose, "3.19.1").identity()));
    assertFalse(v(loose, "1.32.13-k3s1").identity().equals(v(loose, "v1.32.13-k3s1").identity()));
    assertTrue(v(loose, "1.24-alpine").isRegular());
    assertFalse(v(loose, "1.25-rc1").isRegular());
    assertEquals(1, v(loose, "1.29").major());
    assertEquals(29, v(loose, "1.29").minor());
    assertEquals(0, v(loose, "1.29").patch());
    assertFalse(v(loose, "1.29").equals(v(loose, "1.29.0")), "the number of parts is identity");
  }

  @Test
  void pep440OrdersAndClassifiesAsPythonAndKargoDo() {
    VersionScheme pep = new VersionScheme.Pep440();
    assertEquals(
        List.of(
            "1.0.dev1",
            "1.0a1",
            "1.0b2",
            "1.0rc1",
            "1.0",
            "1.0.post1",
            "65.1.1",
            "65.1.1-1",
            "65.1.2"),
        sorted(
            pep,
            "65.1.1-1",
            "1.0",
            "1.0rc1",
            "1.0.post1",
            "65.1.2",
            "1.0a1",
            "1.0.dev1",
            "1.0b2",
            "65.1.1"));
    assertTrue(v(pep, "65.1.1-1").isRegular(), "a post release is stable");
    assertFalse(v(pep, "2.0.0rc1").isRegular());
    assertFalse(v(pep, "2.0.0.dev3").isRegular());
    assertEquals(0, v(pep, "1.0").compareTo(v(pep, "1.0.0")));
    assertTrue(v(pep, "v1.2").compareTo(v(pep, "1.1")) > 0);
    assertTrue(pep.parse("latest").isEmpty());
  }

  @Test
  void patternAndCommitArePinsWithoutTextOrder() {
    VersionScheme build = new VersionScheme.Matching("^main-[0-9a-f]{7}$");
    assertTrue(build.parse("main-6ee6b58").isPresent());
    assertTrue(build.parse("main-6ee6b5").isEmpty());
    assertTrue(build.parse("dev-6ee6b58").isEmpty());
    assertFalse(build.isOrdered());
    assertTrue(build.isFloating("latest"));
    assertFalse(build.isFloating("main-6ee6b58"));

    VersionScheme commit = new VersionScheme.Commit();
    String full = "0123456789abcdef0123456789abcdef01234567";
    assertTrue(commit.parse(full).isPresent());
    assertFalse(commit.isFloating(full), "a full commit is an immutable pin");
    assertTrue(commit.isFloating("main"));
    assertTrue(commit.isFloating("0123456"), "a short hash still floats");
    assertTrue(commit.parse("0123456").isEmpty());
    assertTrue(VersionScheme.SEMVER.isFloating(full), "outside the commit scheme it floats");
  }

  @Test
  void formatsReadTheirSlotUnderTheScheme() {
    VersionFormat image = VersionFormat.of("ghcr.io/o/p:{version}", new VersionScheme.Loose());
    assertEquals("3.19", image.parse("ghcr.io/o/p:3.19").orElseThrow().version().toString());
    assertEquals("latest", image.slot("ghcr.io/o/p:latest").orElseThrow());
    VersionFormat pinned =
        VersionFormat.of("{version}@{digest}", new VersionScheme.Matching("^main-[0-9a-f]{7}$"));
    String digest = "sha256:" + "4f".repeat(32);
    var w = pinned.parse("main-6ee6b58@" + digest).orElseThrow();
    assertEquals("main-6ee6b58", w.version().toString());
    assertEquals(digest, w.digest().orElseThrow());
    assertEquals("main-6ee6b58@" + digest, pinned.render(w.version(), w.digest()));
  }
}

package dev.lockstep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SemVer versions are compared by hand when their text is plain; the order must be the one read
 * through java-semver, on every pair of a corpus of cores, pre-releases and builds.
 */
class SemVerOrderTest {

  /** The order as it was defined through java-semver's reading. */
  private static int reference(Version a, Version b) {
    var x = a.semver();
    var y = b.semver();
    int c = Long.compare(x.majorVersion(), y.majorVersion());
    if (c == 0) {
      c = Long.compare(x.minorVersion(), y.minorVersion());
    }
    if (c == 0) {
      c = Long.compare(x.patchVersion(), y.patchVersion());
    }
    if (c != 0) {
      return c;
    }
    String p = x.preReleaseVersion().orElse("");
    String q = y.preReleaseVersion().orElse("");
    if (p.isEmpty() || q.isEmpty()) {
      return Boolean.compare(p.isEmpty(), q.isEmpty());
    }
    String[] ps = p.split("\\.");
    String[] qs = q.split("\\.");
    for (int i = 0; i < Math.min(ps.length, qs.length); i++) {
      boolean pn = ps[i].chars().allMatch(Character::isDigit);
      boolean qn = qs[i].chars().allMatch(Character::isDigit);
      int d;
      if (pn && qn) {
        d = new BigInteger(ps[i]).compareTo(new BigInteger(qs[i]));
      } else if (pn != qn) {
        d = pn ? -1 : 1;
      } else {
        d = VersionScheme.Natural.compare(ps[i], qs[i]);
      }
      if (d != 0) {
        return d;
      }
    }
    return Integer.compare(ps.length, qs.length);
  }

  @Test
  void theHandReadOrderIsJavaSemversOnEveryPair() {
    List<Version> corpus = new ArrayList<>();
    for (String core :
        List.of(
            "0.0.0",
            "0.1.0",
            "1.0.0",
            "1.0.10",
            "1.2.3",
            "10.0.0",
            "2.0.0",
            "1234567890123456789.0.0")) {
      for (String pre :
          List.of(
              "",
              "-rc.1",
              "-rc.2",
              "-rc.10",
              "-rc8",
              "-rc16",
              "-alpha",
              "-alpha.1",
              "-1",
              "-2.a")) {
        for (String build : List.of("", "+b.1", "+exp.sha.5114f85")) {
          corpus.add(VersionScheme.SEMVER.parse(core + pre + build).orElseThrow());
        }
      }
    }
    int pairs = 0;
    for (Version a : corpus) {
      for (Version b : corpus) {
        assertEquals(
            Integer.signum(reference(a, b)),
            Integer.signum(VersionScheme.SEMVER.compare(a, b)),
            a + " vs " + b);
        pairs++;
      }
    }
    assertEquals(corpus.size() * corpus.size(), pairs);
  }
}

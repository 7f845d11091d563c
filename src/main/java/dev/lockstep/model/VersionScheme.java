package dev.lockstep.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * How one artifact (or repo) numbers its versions: which texts are versions, how they are ordered,
 * which are stable, and which part of a value is its identity (a suffix that places must agree on
 * and that {@code outdated} never changes). One record per scheme; code that treats schemes
 * differently switches over this sealed type.
 *
 * <pre>
 * scheme: semver                          # the default: 1.2.3, 1.2.3-rc.1
 * scheme: loose                           # 3.19, 1.29, 22.04, 1.24-alpine, v1.32.13-k3s1
 * scheme: pep440                          # 65.1.1-1 (a post release), 2.0.0rc1, 1.0.dev3
 * scheme: { pattern: '^main-[0-9a-f]{7}$' }  # build tags, no order by text
 * scheme: commit                          # a full 40-hex git commit
 * </pre>
 */
public sealed interface VersionScheme
    permits VersionScheme.SemVer,
        VersionScheme.Loose,
        VersionScheme.Pep440,
        VersionScheme.Unordered {

  SemVer SEMVER = new SemVer();

  /** The names a graph may write after {@code scheme:} (a pattern is written as a mapping). */
  List<String> NAMES = List.of("semver", "loose", "pep440", "commit");

  /** The scheme called {@code name}, for the names of {@link #NAMES}. */
  static Optional<VersionScheme> named(String name) {
    return switch (name) {
      case "semver" -> Optional.of(SEMVER);
      case "loose" -> Optional.of(new Loose());
      case "pep440" -> Optional.of(new Pep440());
      case "commit" -> Optional.of(new Commit());
      default -> Optional.empty();
    };
  }

  /** The name as the graph writes it ({@code pattern} for {@link Matching}). */
  String name();

  /** The version {@code text} is under this scheme, as written in the {@code {version}} slot. */
  Optional<Version> parse(String text);

  /**
   * The regular expression (java.util.regex) of the {@code {version}} slot of a format: it must
   * match every version's text and may match more; {@link #parse} decides.
   */
  String slot();

  /** Orders two versions of this scheme; 0 means the same version. */
  int compare(Version a, Version b);

  /** A stable release: no pre-release or development part. */
  boolean isRegular(Version v);

  /**
   * What a newer version must share with this one to replace it: a {@link Loose} value's suffix and
   * shape ({@code -alpine} stays {@code -alpine}); empty for the other schemes.
   */
  default String identity(Version v) {
    return "";
  }

  /** True when a value is a text order at all ({@link Matching} and {@link Commit} are not). */
  default boolean isOrdered() {
    return true;
  }

  /** A value that moves under you under this scheme: a branch, {@code latest}, an empty tag. */
  default boolean isFloating(String value) {
    return Floating.is(value);
  }

  /** What to write instead of a value that is not a version, for fix messages. */
  String example();

  // ---------------------------------------------------------------- semver

  /**
   * Semantic Versioning 2.0, strictly. One deviation in ordering: numeric runs inside a pre-release
   * identifier compare as numbers, so {@code 0.2.0-rc8 < 0.2.0-rc16} (SemVer compares {@code rc8}
   * and {@code rc16} as text, which puts {@code rc16} first).
   */
  record SemVer() implements VersionScheme {
    // Written out: the generated ones link a method handle at first call (start-up cost).
    @Override
    public boolean equals(Object o) {
      return o instanceof SemVer;
    }

    @Override
    public int hashCode() {
      return 0;
    }

    static final String SLOT =
        "(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)"
            + "(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?";

    @Override
    public String name() {
      return "semver";
    }

    @Override
    public Optional<Version> parse(String text) {
      if (text == null || text.isEmpty()) {
        return Optional.empty();
      }
      return com.github.zafarkhaja.semver.Version.tryParse(text, true)
          .map(v -> new Version(this, v.toString()));
    }

    @Override
    public String slot() {
      return SLOT;
    }

    /**
     * Major, minor, patch and where the rest of {@code t} starts, read by hand (versions are
     * compared often: sorting tags, agreeing places); null when {@code t} is not that plain.
     */
    private static long[] core(String t) {
      long[] out = new long[4];
      int i = 0;
      for (int part = 0; part < 3; part++) {
        int start = i;
        long n = 0;
        for (; i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9'; i++) {
          if (i - start == 18) {
            return null; // past what a long holds safely: java-semver decides
          }
          n = n * 10 + (t.charAt(i) - '0');
        }
        if (i == start) {
          return null;
        }
        out[part] = n;
        if (part < 2) {
          if (i == t.length() || t.charAt(i) != '.') {
            return null;
          }
          i++;
        }
      }
      if (i < t.length() && t.charAt(i) != '-' && t.charAt(i) != '+') {
        return null;
      }
      out[3] = i;
      return out;
    }

    /** java-semver's reading, in {@link #core}'s shape, the rest index pointing past the core. */
    private static long[] core(com.github.zafarkhaja.semver.Version v) {
      return new long[] {v.majorVersion(), v.minorVersion(), v.patchVersion(), -1};
    }

    /** The pre-release of {@code text} whose core ends at {@code rest}; "" when it has none. */
    private static String preRelease(String text, int rest) {
      if (rest < 0) {
        return com.github.zafarkhaja.semver.Version.parse(text, true)
            .preReleaseVersion()
            .orElse("");
      }
      if (rest == text.length() || text.charAt(rest) != '-') {
        return "";
      }
      int plus = text.indexOf('+', rest);
      return text.substring(rest + 1, plus < 0 ? text.length() : plus);
    }

    @Override
    public int compare(Version a, Version b) {
      long[] x = core(a.text());
      long[] y = core(b.text());
      if (x == null || y == null) {
        x = core(a.semver());
        y = core(b.semver());
      }
      for (int i = 0; i < 3; i++) {
        int c = Long.compare(x[i], y[i]);
        if (c != 0) {
          return c;
        }
      }
      String p = preRelease(a.text(), (int) x[3]);
      String q = preRelease(b.text(), (int) y[3]);
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
          d = pn ? -1 : 1; // numeric identifiers sort before alphanumeric ones
        } else {
          d = Natural.compare(ps[i], qs[i]);
        }
        if (d != 0) {
          return d;
        }
      }
      return Integer.compare(ps.length, qs.length);
    }

    @Override
    public boolean isRegular(Version v) {
      return !v.semver().isPreRelease();
    }

    @Override
    public String example() {
      return "a SemVer version such as 1.2.3";
    }
  }

  // ---------------------------------------------------------------- loose

  /**
   * One to four numeric parts, an optional leading {@code v} and an optional suffix after {@code
   * -}, {@code +} or {@code _}: {@code 3.19}, {@code 1.29}, {@code 22.04}, {@code 1.24-alpine},
   * {@code v1.32.13-k3s1}. Parts compare as numbers; the suffix, the {@code v} and the number of
   * parts are the value's identity (as Renovate's docker versioning keeps them).
   */
  record Loose() implements VersionScheme {
    // Written out: the generated ones link a method handle at first call (start-up cost).
    @Override
    public boolean equals(Object o) {
      return o instanceof Loose;
    }

    @Override
    public int hashCode() {
      return 0;
    }

    private static final java.util.regex.Pattern SHAPE =
        java.util.regex.Pattern.compile(
            "(v?)([0-9]+(?:\\.[0-9]+){0,3})(?:([-+_])([0-9A-Za-z][0-9A-Za-z.+_-]*))?");
    private static final java.util.regex.Pattern PRE =
        java.util.regex.Pattern.compile(
            "(?i)(?:alpha|beta|rc|pre|preview|dev|snapshot|a|b)(?:[.-]?[0-9]+)?(?:[.-].*)?");

    @Override
    public String name() {
      return "loose";
    }

    @Override
    public Optional<Version> parse(String text) {
      return text != null && SHAPE.matcher(text).matches()
          ? Optional.of(new Version(this, text))
          : Optional.empty();
    }

    @Override
    public String slot() {
      return "v?[0-9]+(?:\\.[0-9]+){0,3}(?:[-+_][0-9A-Za-z][0-9A-Za-z.+_-]*)?";
    }

    private static Matcher match(Version v) {
      Matcher m = SHAPE.matcher(v.text());
      if (!m.matches()) {
        throw new IllegalStateException("not a loose version: " + v.text());
      }
      return m;
    }

    /** The numeric parts of a loose version. */
    public static List<BigInteger> parts(Version v) {
      List<BigInteger> out = new ArrayList<>();
      for (String p : match(v).group(2).split("\\.")) {
        out.add(new BigInteger(p));
      }
      return out;
    }

    private static String suffix(Version v) {
      Matcher m = match(v);
      return m.group(3) == null ? "" : m.group(3) + m.group(4);
    }

    @Override
    public int compare(Version a, Version b) {
      List<BigInteger> x = parts(a);
      List<BigInteger> y = parts(b);
      for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
        int c =
            (i < x.size() ? x.get(i) : BigInteger.ZERO)
                .compareTo(i < y.size() ? y.get(i) : BigInteger.ZERO);
        if (c != 0) {
          return c;
        }
      }
      int c = Integer.compare(x.size(), y.size());
      if (c != 0) {
        return c;
      }
      c = Natural.compare(suffix(a), suffix(b));
      return c != 0 ? c : a.text().compareTo(b.text());
    }

    @Override
    public boolean isRegular(Version v) {
      Matcher m = match(v);
      return m.group(4) == null || !m.group(3).equals("-") || !PRE.matcher(m.group(4)).matches();
    }

    @Override
    public String identity(Version v) {
      Matcher m = match(v);
      return m.group(1)
          + "#"
          + parts(v).size()
          + (m.group(3) == null ? "" : m.group(3) + m.group(4));
    }

    @Override
    public String example() {
      return "a version of one to four numbers such as 3.19, 1.29.4 or 1.24-alpine";
    }
  }

  // ---------------------------------------------------------------- pep440

  /**
   * Python's versions (PEP 440), normalised: {@code 2.0.0rc1}, {@code 1.0.dev3}, {@code 1.0.post2}
   * and {@code 65.1.1-1} (a post release); a leading {@code v} is allowed. Pre and dev releases are
   * unstable; post releases are stable (Kargo's rule for charts).
   */
  record Pep440() implements VersionScheme {
    // Written out: the generated ones link a method handle at first call (start-up cost).
    @Override
    public boolean equals(Object o) {
      return o instanceof Pep440;
    }

    @Override
    public int hashCode() {
      return 0;
    }

    private static final java.util.regex.Pattern SHAPE =
        java.util.regex.Pattern.compile(
            "(?i)v?(?:([0-9]+)!)?([0-9]+(?:\\.[0-9]+)*)"
                + "(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?([0-9]+)?)?"
                + "(?:-([0-9]+)|[-_.]?(post|rev|r)[-_.]?([0-9]+)?)?"
                + "(?:[-_.]?(dev)[-_.]?([0-9]+)?)?"
                + "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?");

    @Override
    public String name() {
      return "pep440";
    }

    @Override
    public Optional<Version> parse(String text) {
      return text != null && SHAPE.matcher(text).matches()
          ? Optional.of(new Version(this, text))
          : Optional.empty();
    }

    @Override
    public String slot() {
      return "[vV]?[0-9][0-9A-Za-z.!+_-]*?";
    }

    /** The sort key of PEP 440: epoch, release, pre, post, dev, local. */
    private record Key(
        long epoch, List<BigInteger> release, int preRank, long pre, long post, long dev) {}

    private static Key key(Version v) {
      Matcher m = SHAPE.matcher(v.text());
      if (!m.matches()) {
        throw new IllegalStateException("not a PEP 440 version: " + v.text());
      }
      long epoch = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
      List<BigInteger> release = new ArrayList<>();
      for (String p : m.group(2).split("\\.")) {
        release.add(new BigInteger(p));
      }
      while (release.size() > 1 && release.get(release.size() - 1).signum() == 0) {
        release.remove(release.size() - 1);
      }
      boolean hasPre = m.group(3) != null;
      boolean hasPost = m.group(5) != null || m.group(6) != null;
      boolean hasDev = m.group(8) != null;
      int preRank;
      long pre = 0;
      if (hasPre) {
        String l = m.group(3).toLowerCase(Locale.ROOT);
        preRank =
            switch (l) {
              case "a", "alpha" -> 1;
              case "b", "beta" -> 2;
              default -> 3; // c, rc, pre, preview
            };
        pre = m.group(4) == null ? 0 : Long.parseLong(m.group(4));
      } else if (hasDev && !hasPost) {
        preRank = 0; // 1.0.dev1 sorts before 1.0a1
      } else {
        preRank = 4;
      }
      long post =
          m.group(5) != null
              ? Long.parseLong(m.group(5))
              : m.group(7) != null ? Long.parseLong(m.group(7)) : hasPost ? 0 : -1;
      long dev = hasDev ? (m.group(9) == null ? 0 : Long.parseLong(m.group(9))) : Long.MAX_VALUE;
      return new Key(epoch, release, preRank, pre, post, dev);
    }

    @Override
    public int compare(Version a, Version b) {
      Key x = key(a);
      Key y = key(b);
      int c = Long.compare(x.epoch, y.epoch);
      for (int i = 0; c == 0 && i < Math.max(x.release.size(), y.release.size()); i++) {
        c =
            (i < x.release.size() ? x.release.get(i) : BigInteger.ZERO)
                .compareTo(i < y.release.size() ? y.release.get(i) : BigInteger.ZERO);
      }
      if (c == 0) {
        c = Integer.compare(x.preRank, y.preRank);
      }
      if (c == 0) {
        c = Long.compare(x.pre, y.pre);
      }
      if (c == 0) {
        c = Long.compare(x.post, y.post);
      }
      if (c == 0) {
        c = Long.compare(x.dev, y.dev);
      }
      return c;
    }

    @Override
    public boolean isRegular(Version v) {
      Key k = key(v);
      return k.preRank == 4 && k.dev == Long.MAX_VALUE;
    }

    @Override
    public String example() {
      return "a PEP 440 version such as 65.1.1, 65.1.1-1 or 2.0.0rc1";
    }
  }

  /**
   * Schemes whose values have no order by text: a value is valid when the scheme accepts it, and
   * {@code outdated} orders candidates by other means (an image's creation time).
   */
  sealed interface Unordered extends VersionScheme permits Matching, Commit {
    /** True when {@code text} is a value of this scheme. */
    boolean accepts(String text);

    @Override
    default Optional<Version> parse(String text) {
      return text != null && accepts(text)
          ? Optional.of(new Version(this, text))
          : Optional.empty();
    }

    @Override
    default String slot() {
      return "[^@\\s]+?";
    }

    @Override
    default int compare(Version a, Version b) {
      return a.text().compareTo(b.text());
    }

    @Override
    default boolean isOrdered() {
      return false;
    }

    @Override
    default boolean isRegular(Version v) {
      return true;
    }
  }

  // ---------------------------------------------------------------- pattern

  /**
   * Build tags that match one anchored RE2 pattern ({@code ^main-[0-9a-f]{7}$}): a value that
   * matches is a pin. The text has no order; {@code outdated} orders such tags by the image's
   * creation time.
   */
  record Matching(String regex) implements Unordered {
    @Override
    public String name() {
      return "pattern";
    }

    private com.google.re2j.Pattern compiled() {
      return Patterns.get(regex);
    }

    @Override
    public boolean accepts(String text) {
      return compiled().matches(text);
    }

    @Override
    public boolean isFloating(String value) {
      return value.isBlank() || (Floating.is(value) && !compiled().matches(value.strip()));
    }

    @Override
    public String example() {
      return "a tag matching " + regex;
    }
  }

  // ---------------------------------------------------------------- commit

  /** A full 40-hex git commit: an immutable pin. Branch names and short hashes still float. */
  record Commit() implements Unordered {
    // Written out: the generated ones link a method handle at first call (start-up cost).
    @Override
    public boolean equals(Object o) {
      return o instanceof Commit;
    }

    @Override
    public int hashCode() {
      return 0;
    }

    private static final java.util.regex.Pattern FULL =
        java.util.regex.Pattern.compile("[0-9a-f]{40}");

    @Override
    public String name() {
      return "commit";
    }

    @Override
    public boolean accepts(String text) {
      return FULL.matcher(text).matches();
    }

    @Override
    public boolean isFloating(String value) {
      return Floating.is(value) && !FULL.matcher(value.strip()).matches();
    }

    @Override
    public String example() {
      return "a full 40-hex commit";
    }
  }

  /** Compiled patterns, so a {@link Matching} record stays a plain value. */
  final class Patterns {
    private static final java.util.concurrent.ConcurrentHashMap<String, com.google.re2j.Pattern>
        CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private Patterns() {}

    static com.google.re2j.Pattern get(String regex) {
      return CACHE.computeIfAbsent(regex, com.google.re2j.Pattern::compile);
    }
  }

  /** Text order in which runs of digits compare as numbers ({@code rc8 < rc16}). */
  final class Natural {
    private Natural() {}

    static int compare(String a, String b) {
      int i = 0;
      int j = 0;
      while (i < a.length() && j < b.length()) {
        char x = a.charAt(i);
        char y = b.charAt(j);
        if (Character.isDigit(x) && Character.isDigit(y)) {
          int si = i;
          int sj = j;
          while (i < a.length() && Character.isDigit(a.charAt(i))) {
            i++;
          }
          while (j < b.length() && Character.isDigit(b.charAt(j))) {
            j++;
          }
          int c = new BigInteger(a.substring(si, i)).compareTo(new BigInteger(b.substring(sj, j)));
          if (c != 0) {
            return c;
          }
        } else {
          if (x != y) {
            return Character.compare(x, y);
          }
          i++;
          j++;
        }
      }
      return Integer.compare(a.length() - i, b.length() - j);
    }
  }
}

package dev.lockstep.locate;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A regular expression over any text file. Finds the named group {@code version} of every match of
 * a pattern; RE2/J runs in time linear in the input, so no user pattern can hang the gate. A new
 * value is written as is; whether the pattern still finds it is checked after the edit by locating
 * again.
 */
public final class RegexFormat implements LocatorFormat<Query.Regex> {

  RegexFormat() {}

  @Override
  public String key() {
    return "regex";
  }

  /**
   * Whether {@code re2} (RE2's spelling, compiled multi-line) has the shape matched without the
   * engine: if so, it is valid RE2 with a group named version, and need not be compiled to know.
   */
  public static boolean matchedWithoutEngine(String re2) {
    // the memo the search reads too: a pattern is parsed once, at load, however often it repeats
    return remembered(Shape.CACHE, re2, Shape::of) != null;
  }

  @Override
  public List<Place> find(TextFile file, Locator locator, Query.Regex query, List<String> notes) {
    return find(file, locator, query, true);
  }

  /** As {@link #find}; {@code shapes} false runs every pattern through RE2/J (tests compare). */
  List<Place> find(TextFile file, Locator locator, Query.Regex query, boolean shapes) {
    List<Place> places = new ArrayList<>();
    String text = file.text();
    Matcher m = null; // RE2/J's, made when the shape cannot answer: it compiles the pattern
    Prefix prefix = Prefix.cached(query);
    Shape shape = shapes && prefix != null ? Shape.cached(query, prefix) : null;
    // The shape's matching may do a few steps per character of the text in all; past that (runs
    // that overlap, tails that fail late: input made to be slow), RE2/J takes over where it is,
    // so the whole search stays linear in the text.
    long[] budget = {16L * text.length() + 1024};
    int from = 0; // where the next match may start, as Matcher.find() would go on
    while (from <= text.length()) {
      if (prefix != null) {
        from = prefix.next(text, from);
        if (from < 0) {
          break;
        }
      }
      int start;
      int end;
      long match = shape == null ? Shape.OVER_BUDGET : shape.matchAt(text, from, budget);
      if (match == Shape.NO_MATCH) {
        from++; // no match starts here: the next one starts at a later prefix, if any
        continue;
      }
      if (match >= 0) {
        start = from + shape.head().length();
        end = (int) (match >>> 32);
        from = (int) match;
      } else {
        shape = null;
        if (m == null) {
          m = query.pattern().matcher(text);
        }
        if (!m.find(from)) {
          break;
        }
        from = m.end() == m.start() ? m.end() + 1 : m.end();
        start = m.start("version");
        end = m.end("version");
      }
      if (start < 0) {
        continue; // the group sat in an alternative that did not take part
      }
      if (end > start && text.charAt(end - 1) == '\r') {
        end--; // with CRLF endings, `.*$` would take the \r into the version
      }
      String value = text.substring(start, end);
      places.add(new Place(locator, file, start, end, value, value, Place.Style.REGEX_GROUP, this));
    }
    return places;
  }

  /**
   * The literal text every match of a pattern starts with, at a line start when the pattern starts
   * with {@code ^}: the search jumps from one occurrence to the next instead of running the pattern
   * over every character between (RE2/J skips to a literal prefix itself, but not to one behind
   * {@code ^}, which line-anchored patterns all have). A match can start nowhere else, so the
   * matches found are the same.
   */
  record Prefix(String literal, boolean lineStart) {

    /** The first place at or after {@code from} where a match may start, or -1. */
    int next(String text, int from) {
      int at = text.indexOf(literal, from);
      while (lineStart && at > 0 && text.charAt(at - 1) != '\n') {
        at = text.indexOf(literal, at + 1);
      }
      return at;
    }

    /** Prefixes by pattern (equal by text and flags): many locators share few patterns. */
    private static final Map<String, Optional<Prefix>> CACHE = new ConcurrentHashMap<>();

    /** As {@link #of}, remembered by the RE2 text (bounded); none for a pattern not multi-line. */
    static Prefix cached(Query.Regex query) {
      if (query.flags() != Pattern.MULTILINE) {
        return null;
      }
      return remembered(CACHE, query.re2(), Prefix::of);
    }

    /**
     * The prefix of a pattern, or null when it has none that is sure: a pattern that starts with a
     * group, a class or an escape other than a quoted punctuation mark, that holds a top-level
     * {@code |} or a quoted run, or that is compiled with flags other than multi-line.
     */
    static Prefix of(Pattern pattern) {
      return pattern.flags() != Pattern.MULTILINE ? null : of(pattern.pattern());
    }

    /** As {@link #of(Pattern)} for {@code re}, compiled multi-line. */
    static Prefix of(String re) {
      if (re.contains("\\Q") || hasTopLevelBar(re)) {
        return null;
      }
      int i = 0;
      boolean lineStart = re.startsWith("^");
      if (lineStart) {
        i++;
      }
      StringBuilder literal = new StringBuilder();
      while (i < re.length()) {
        char c = re.charAt(i);
        char lit;
        int next;
        if (c == '\\' && i + 1 < re.length()) {
          char d = re.charAt(i + 1);
          if (d >= 0x80 || Character.isLetterOrDigit(d)) {
            break; // a class, an assertion, a code: not one literal character
          }
          lit = d;
          next = i + 2;
        } else if (c >= 0x80 || ".+*?()|[]{}^$\\".indexOf(c) >= 0) {
          break;
        } else {
          lit = c;
          next = i + 1;
        }
        if (next < re.length() && "?*{+".indexOf(re.charAt(next)) >= 0) {
          break; // the character is repeated, or optional: it ends the sure prefix
        }
        literal.append(lit);
        i = next;
      }
      return literal.length() == 0 ? null : new Prefix(literal.toString(), lineStart);
    }

    /** True when a {@code |} stands outside every group and class: the pattern has two starts. */
    private static boolean hasTopLevelBar(String re) {
      int depth = 0;
      boolean inClass = false;
      for (int i = 0; i < re.length(); i++) {
        char c = re.charAt(i);
        if (c == '\\') {
          i++;
        } else if (inClass) {
          if (c == ']') {
            inClass = false;
          }
        } else if (c == '[') {
          inClass = true;
          if (i + 1 < re.length() && re.charAt(i + 1) == '^') {
            i++;
          }
          if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
            i++; // a ] right after [ or [^ is literal
          }
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        } else if (c == '|' && depth <= 0) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * A pattern of the shape most places are written in, matched without the regex engine: a literal,
   * then the version (literal characters, then a run of one character class, optionally closed by
   * one character of a second), then a literal and an optional {@code $}: {@code
   * ghcr\.io/x/api:(?<version>[\w.+-]*[\w+-])}, {@code ^export V=(?<version>\S+)$}, {@code
   * download/(?<version>v[^/\s]+)/}. RE2/J runs a pattern with a group twice per match, through its
   * NFA, which was most of the time a graph of regex places took to read. The match is RE2/J's
   * (leftmost-first): at the first start the prefix allows, the longest run after which the rest
   * matches. Classes hold ASCII characters and RE2's ASCII {@code \s \w \d} (and their negations);
   * a run closed by a second class takes no negated class (a negated one could split a surrogate
   * pair that RE2/J reads as one character). Every other pattern goes to RE2/J.
   *
   * @param head the literal before the group: the pattern's {@link Prefix}
   * @param lead literal characters that open the version
   * @param run the class of the version's run
   * @param oneOrMore whether the run takes at least one character ({@code +}, not {@code *})
   * @param last the class of the version's closing character, or null
   * @param tail the literal after the group
   * @param lineEnd whether the pattern ends in {@code $} (multi-line: before a \n, or at the end)
   */
  record Shape(
      String head,
      String lead,
      AsciiClass run,
      boolean oneOrMore,
      AsciiClass last,
      String tail,
      boolean lineEnd) {

    private static final Map<String, Optional<Shape>> CACHE = new ConcurrentHashMap<>();

    /** {@link #matchAt}: no match starts at the place. */
    static final long NO_MATCH = -1;

    /** {@link #matchAt}: the budget would not cover the place; RE2/J is to take over. */
    static final long OVER_BUDGET = -2;

    /** As {@link #of}, remembered (bounded). */
    static Shape cached(Query.Regex query, Prefix prefix) {
      Shape s = remembered(CACHE, query.re2(), Shape::of);
      return s != null && s.head().equals(prefix.literal()) ? s : null;
    }

    /** The shape of {@code pattern}, or null when it has another. */
    static Shape of(Pattern pattern) {
      return pattern.flags() != Pattern.MULTILINE ? null : of(pattern.pattern());
    }

    /**
     * The shape of {@code re} compiled multi-line, or null when it has another. Every pattern with
     * a shape is valid RE2 syntax with a group named version: the grammar is a part of RE2's.
     */
    static Shape of(String re) {
      Cursor c = new Cursor(re);
      c.eat("^");
      String head = c.literals();
      if (head == null || head.isEmpty() || !c.eat("(?P<version>")) {
        return null;
      }
      String lead = c.literals();
      AsciiClass run = lead == null ? null : c.charClass();
      if (run == null || !(c.eat("+") || c.eat("*"))) {
        return null;
      }
      boolean oneOrMore = c.re.charAt(c.at - 1) == '+';
      AsciiClass last = null;
      if (!c.eat(")")) {
        last = c.charClass();
        if (last == null || run.negated() || last.negated() || !c.eat(")")) {
          return null;
        }
      }
      String tail = c.literals();
      boolean lineEnd = c.eat("$");
      return tail == null || c.at != c.re.length()
          ? null
          : new Shape(head, lead, run, oneOrMore, last, tail, lineEnd);
    }

    /**
     * The match starting at {@code at}, where the head is, as the version's end (high 32 bits) and
     * the match's end (low); {@link #NO_MATCH}, or {@link #OVER_BUDGET} when the steps it would
     * take exceed {@code budget[0]} (else they are taken from it).
     */
    long matchAt(String text, int at, long[] budget) {
      int n = text.length();
      int q = at + head.length();
      if (!text.startsWith(lead, q)) {
        return NO_MATCH;
      }
      q += lead.length();
      long left = budget[0];
      int r = 0;
      while (q + r < n && r < left && run.matches(text.charAt(q + r))) {
        r++;
      }
      long steps = lead.length() + r + (r + 1L) * (2 + tail.length());
      if (steps > left) {
        return OVER_BUDGET;
      }
      budget[0] = left - steps;
      // greedy: the longest run first, then one character shorter, as RE2/J prefers
      for (int k = r; k >= (oneOrMore ? 1 : 0); k--) {
        int end = q + k;
        if (last != null) {
          if (end >= n || !last.matches(text.charAt(end))) {
            continue;
          }
          end++;
        }
        int after = end + tail.length();
        if (text.startsWith(tail, end) && (!lineEnd || after == n || text.charAt(after) == '\n')) {
          return ((long) end << 32) | after;
        }
      }
      return NO_MATCH;
    }
  }

  /**
   * A character class over ASCII: {@code in} says which of the 128 characters it holds; a negated
   * class holds every other character, non-ASCII ones included (as RE2's do, newline too).
   */
  record AsciiClass(boolean[] in, boolean negated) {
    boolean matches(char c) {
      return c < 128 ? in[c] != negated : negated;
    }
  }

  /** Reads the few constructs a {@link Shape} is made of; null for anything else. */
  private static final class Cursor {
    private static final String SPECIAL = ".+*?()|[]{}^$\\";
    private final String re;
    private int at;

    Cursor(String re) {
      this.re = re;
    }

    boolean eat(String s) {
      if (re.startsWith(s, at)) {
        at += s.length();
        return true;
      }
      return false;
    }

    /** Literal characters up to the next construct; null when one of them is quantified. */
    String literals() {
      StringBuilder out = new StringBuilder();
      while (at < re.length()) {
        char c = re.charAt(at);
        int next;
        char lit;
        if (c == '\\' && at + 1 < re.length()) {
          char d = re.charAt(at + 1);
          if (d >= 0x80 || Character.isLetterOrDigit(d)) {
            break; // a class, an assertion or a code
          }
          lit = d;
          next = at + 2;
        } else if (c >= 0x80) {
          return null;
        } else if (SPECIAL.indexOf(c) >= 0) {
          break;
        } else {
          lit = c;
          next = at + 1;
        }
        if (next < re.length() && "?*{+".indexOf(re.charAt(next)) >= 0) {
          return null;
        }
        out.append(lit);
        at = next;
      }
      return out.toString();
    }

    /** {@code \s \S \w \W \d \D} or a bracketed class of ASCII characters, ranges and those. */
    AsciiClass charClass() {
      if (eat("\\")) {
        if (at >= re.length()) {
          return null;
        }
        char e = re.charAt(at++);
        boolean[] in = new boolean[128];
        if (!perl(Character.toLowerCase(e), in)) {
          return null;
        }
        return new AsciiClass(in, Character.isUpperCase(e));
      }
      if (!eat("[")) {
        return null;
      }
      boolean negated = eat("^");
      boolean[] in = new boolean[128];
      boolean first = true;
      while (at < re.length() && re.charAt(at) != ']') {
        char c = re.charAt(at);
        if (c == '[' || c >= 0x80) {
          return null; // [:alpha:] and other rune sets
        }
        if (c == '\\') {
          if (at + 1 >= re.length()) {
            return null;
          }
          char d = re.charAt(at + 1);
          at += 2;
          if (Character.isLetterOrDigit(d) || d >= 0x80) {
            if (!perl(d, in)) {
              return null; // \S \W \D, \n, \x41... inside brackets: left to RE2/J
            }
          } else {
            in[d] = true;
          }
        } else if (c == '-' && !first && at + 1 < re.length() && re.charAt(at + 1) != ']') {
          return null; // a range whose start was not a plain character
        } else if (at + 2 < re.length() && re.charAt(at + 1) == '-' && re.charAt(at + 2) != ']') {
          char to = re.charAt(at + 2);
          if (to == '\\' || to == '[' || to >= 0x80 || to < c) {
            return null;
          }
          for (char x = c; x <= to; x++) {
            in[x] = true;
          }
          at += 3;
        } else {
          in[c] = true;
          at++;
        }
        first = false;
      }
      if (first || !eat("]")) {
        return null; // []...] and an unclosed class: left to RE2/J
      }
      return new AsciiClass(in, negated);
    }

    /** Adds RE2's ASCII Perl class {@code \s}, {@code \w} or {@code \d}; false for any other. */
    private static boolean perl(char e, boolean[] in) {
      String members =
          switch (e) {
            case 's' -> "\t\n\f\r ";
            case 'd' -> "0123456789";
            case 'w' -> "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
            default -> null;
          };
      if (members == null) {
        return false;
      }
      for (int i = 0; i < members.length(); i++) {
        in[members.charAt(i)] = true;
      }
      return true;
    }
  }

  /** What {@code make} gives for {@code key} (null for none), remembered in {@code cache}. */
  private static <T> T remembered(
      Map<String, Optional<T>> cache, String key, java.util.function.Function<String, T> make) {
    Optional<T> known = cache.get(key);
    if (known == null) {
      known = Optional.ofNullable(make.apply(key));
      if (cache.size() < 4096) { // bounded: no graph makes it grow without end
        cache.put(key, known);
      }
    }
    return known.orElse(null);
  }

  @Override
  public String encode(Place place, String value) throws EncodeException {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new EncodeException(place.position() + ": a version cannot span lines");
    }
    return value;
  }
}

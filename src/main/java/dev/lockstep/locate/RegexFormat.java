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

  @Override
  public List<Place> find(TextFile file, Locator locator, Query.Regex query, List<String> notes) {
    List<Place> places = new ArrayList<>();
    String text = file.text();
    Matcher m = query.pattern().matcher(text);
    Prefix prefix = Prefix.cached(query.pattern());
    int from = 0; // where the next match may start, as Matcher.find() would go on
    while (from <= text.length()) {
      if (prefix != null) {
        from = prefix.next(text, from);
        if (from < 0) {
          break;
        }
      }
      if (!m.find(from)) {
        break;
      }
      from = m.end() == m.start() ? m.end() + 1 : m.end();
      int start = m.start("version");
      int end = m.end("version");
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
    private static final Map<Pattern, Optional<Prefix>> CACHE = new ConcurrentHashMap<>();

    /** As {@link #of}, remembered (bounded). */
    static Prefix cached(Pattern pattern) {
      Optional<Prefix> p = CACHE.get(pattern);
      if (p == null) {
        p = Optional.ofNullable(of(pattern));
        if (CACHE.size() < 4096) {
          CACHE.put(pattern, p);
        }
      }
      return p.orElse(null);
    }

    /**
     * The prefix of a pattern, or null when it has none that is sure: a pattern that starts with a
     * group, a class or an escape other than a quoted punctuation mark, that holds a top-level
     * {@code |} or a quoted run, or that is compiled with flags other than multi-line.
     */
    static Prefix of(Pattern pattern) {
      if (pattern.flags() != Pattern.MULTILINE) {
        return null;
      }
      String re = pattern.pattern();
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

  @Override
  public String encode(Place place, String value) throws EncodeException {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new EncodeException(place.position() + ": a version cannot span lines");
    }
    return value;
  }
}

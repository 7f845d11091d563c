package dev.lockstep.locate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.lockstep.model.Count;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Query;
import dev.lockstep.model.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The literal a regex's matches start with, which the search jumps between: only a sure one, and
 * the places found with it are the ones a plain match-by-match search finds.
 */
class RegexPrefixTest {

  private static Pattern compile(String re) {
    return Pattern.compile(re.replace("(?<version>", "(?P<version>"), Pattern.MULTILINE);
  }

  private static RegexFormat.Prefix prefix(String re) {
    return RegexFormat.Prefix.of(compile(re));
  }

  @Test
  void aLiteralStartIsThePrefix() {
    assertEquals(
        new RegexFormat.Prefix("ghcr.io/bench/api:", false),
        prefix("ghcr\\.io/bench/api:(?<version>[\\w.+-]*[\\w+-])"));
    assertEquals(
        new RegexFormat.Prefix("BENCH_VERSION=\"", true),
        prefix("^BENCH_VERSION=\"(?<version>[^\"]+)\""));
    assertEquals(new RegexFormat.Prefix("image: ", false), prefix("image: (?<version>.*)"));
  }

  @Test
  void aRepeatedOrOptionalCharacterEndsThePrefix() {
    assertEquals(new RegexFormat.Prefix("ta", false), prefix("tag?: (?<version>.*)"));
    assertEquals(new RegexFormat.Prefix("ta", false), prefix("tag*: (?<version>.*)"));
    assertEquals(new RegexFormat.Prefix("ta", false), prefix("tag+: (?<version>.*)"));
    assertEquals(new RegexFormat.Prefix("ta", false), prefix("tag{1,2}: (?<version>.*)"));
    assertEquals(new RegexFormat.Prefix("a", false), prefix("a\\.?b(?<version>.*)"));
  }

  @Test
  void noPrefixWhenTheStartIsNotSure() {
    assertNull(prefix("(?<version>v[0-9.]+)"));
    assertNull(prefix("(?i)image: (?<version>.*)"));
    assertNull(prefix("^(?<version>.*)"));
    assertNull(prefix("\\bv(?<version>[0-9.]+)"));
    assertNull(prefix("a: (?<version>x)|b: (?<version2>y)"));
    assertNull(prefix("\\Qa.b\\E(?<version>.*)"));
    assertNull(prefix("[ab]c(?<version>.*)"));
    assertNull(RegexFormat.Prefix.of(Pattern.compile("a(?P<version>b)")));
    assertNull(
        RegexFormat.Prefix.of(
            Pattern.compile("a(?P<version>b)", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE)));
  }

  @Test
  void aBarInsideAGroupOrClassKeepsThePrefix() {
    assertEquals(new RegexFormat.Prefix("v=", false), prefix("v=(?<version>a|b)"));
    assertEquals(new RegexFormat.Prefix("v=", false), prefix("v=[|](?<version>a)"));
    assertEquals(new RegexFormat.Prefix("v=", false), prefix("v=[]|](?<version>a)"));
    assertEquals(new RegexFormat.Prefix("v=|", false), prefix("v=\\|(?<version>a)"));
  }

  /** The places of a plain search: every match of Matcher.find, one after another. */
  private static List<String> plain(String re, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = compile(re).matcher(text);
    while (m.find()) {
      int start = m.start("version");
      int end = m.end("version");
      if (start < 0) {
        continue;
      }
      if (end > start && text.charAt(end - 1) == '\r') {
        end--;
      }
      out.add(start + "-" + end + "=" + text.substring(start, end));
      if (m.end() == m.start() && m.end() >= text.length()) {
        break;
      }
    }
    return out;
  }

  private static List<String> found(String re, String text) {
    Query.Regex q = new Query.Regex(re, compile(re));
    Locator l =
        new Locator(
            "f",
            q,
            Count.ONE,
            Optional.empty(),
            Optional.empty(),
            Source.at(Path.of("g"), 1, 1, ""));
    TextFile file = TextFile.of("f", Path.of("/r/f"), text);
    List<String> out = new ArrayList<>();
    for (Place p : LocatorFormats.REGEX.find(file, l, q, new ArrayList<>())) {
      out.add(p.start() + "-" + p.end() + "=" + p.value());
    }
    return out;
  }

  @Test
  void findsWhatAPlainSearchFinds() {
    List<String> texts =
        List.of(
            "",
            "TAG=\"1.0\"\n",
            "x TAG=\"0.9\"\nTAG=\"1.0\"\r\nTAG=\"\"\nTAG=\"2.0\"",
            "  TAG=\"1\"\nTAG=1\nTAG=\"3\"\n",
            "image: a:1 image: a:2\nimage: a:3\nimage: b:4\nimage: a:\n",
            "v=1 v=2 v= v=3v=4\nv=\n",
            "pin@v1.2.3 pin@v pin@x pin@v2\n");
    List<String> patterns =
        List.of(
            "^TAG=\"(?<version>[^\"]*)\"",
            "TAG=\"(?<version>[^\"]+)\"",
            "^TAG=\"?(?<version>[^\"\\n]+)",
            "image: a:(?<version>[0-9]*)",
            "^image: a:(?<version>[0-9]+)$",
            "v=(?<version>[0-9]*)",
            "v=(?<version>[0-9]+)|pin@(?<other>v[0-9.]+)",
            "pin@(?<version>v[0-9.]*)",
            "(?<version>[0-9]+)");
    for (String re : patterns) {
      for (String text : texts) {
        assertEquals(plain(re, text), found(re, text), re + " in " + text);
      }
    }
  }
}

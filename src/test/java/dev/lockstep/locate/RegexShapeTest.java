package dev.lockstep.locate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.re2j.Pattern;
import dev.lockstep.model.Count;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Query;
import dev.lockstep.model.Source;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Patterns of the common shape are matched without RE2/J; the places found must be exactly the ones
 * RE2/J finds, on any text, and any other pattern must go to RE2/J.
 */
class RegexShapeTest {

  private static Pattern compile(String re) {
    return Pattern.compile(re.replace("(?<version>", "(?P<version>"), Pattern.MULTILINE);
  }

  private static List<String> found(String re, String text, boolean shapes) {
    String re2 = re.replace("(?<version>", "(?P<version>");
    // as the loader makes it: a pattern with the shape is compiled only if the engine is needed
    Query.Regex q =
        shapes && RegexFormat.matchedWithoutEngine(re2)
            ? Query.Regex.compiledLater(re, re2)
            : new Query.Regex(re, compile(re));
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
    for (Place p : new RegexFormat().find(file, l, q, shapes)) {
      out.add(p.start() + "-" + p.end() + "=" + p.value());
    }
    return out;
  }

  @Test
  void theUsualPatternsHaveTheShape() {
    for (String re :
        List.of(
            "ghcr\\.io/kubestellar/api:(?<version>[\\w.+-]*[\\w+-])",
            "^export KUBESTELLAR_VERSION=(?<version>\\S+)$",
            "kubeflex/releases/download/(?<version>v[^/\\s]+)/",
            "kubeflex_(?<version>[^_\\s]+)_linux_amd64\\.tar\\.gz",
            "KubeStellar (?<version>v[0-9.]+)",
            "image: ghcr\\.io/x/y:(?<version>[^\\s\"]+)",
            "TAG=\"(?<version>[^\"]*)\"",
            "a-(?<version>[-a-z]+)",
            "v=(?<version>\\d*)")) {
      assertNotNull(RegexFormat.Shape.of(compile(re)), re);
    }
  }

  @Test
  void anyOtherPatternGoesToTheEngine() {
    for (String re :
        List.of(
            "(?<version>v[0-9.]+)",
            "^\\s*github\\.com/x (?<version>v\\S+)$",
            "a(?<version>.+)",
            "a(?<version>[0-9]+)|b(?<other>x)",
            "a(?<version>[0-9]{1,3})",
            "a(?<version>[0-9]+?)",
            "a(?<version>[0-9]+)(x)",
            "a(?<version>[[:digit:]]+)",
            "a(?<version>[^x]*[^y])",
            "a(?<version>[\\S]+)",
            "a(?<version>[\\x41-Z]+)",
            "a(?<version>[]x]+)",
            "a(?<version>[a-]+)b+",
            "ab?(?<version>[0-9]+)",
            "\\Qa\\E(?<version>[0-9]+)",
            "a(?<version>[0-9]+)\\b",
            "a(?<version>é+)")) {
      assertNull(RegexFormat.Shape.of(compile(re)), re);
    }
    assertNull(
        RegexFormat.Shape.of(
            Pattern.compile("a(?P<version>b+)", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE)));
  }

  @Test
  void inputMadeToBeSlowStaysLinear() {
    // every x starts a run to the end of the text that the tail never closes: matched place by
    // place, that is quadratic; past its budget the shape hands over to RE2/J
    String text = "x".repeat(200_000) + "\nx1";
    for (String re : List.of("x(?<version>[^y]+)y", "x(?<version>[x1]*[x1])y$")) {
      assertNotNull(RegexFormat.Shape.of(compile(re)), re);
      List<String> fast =
          assertTimeoutPreemptively(Duration.ofSeconds(10), () -> found(re, text, true));
      assertEquals(found(re, text, false), fast, re);
    }
  }

  @Test
  void findsWhatTheEngineFindsOnAnyText() {
    String[] heads = {"v=", "TAG=\"", "ghcr\\.io/a/b:", "x", "a-"};
    String[] leads = {"", "", "v"};
    String[] runs = {
      "\\S",
      "\\w",
      "\\d",
      "\\s",
      "\\W",
      "[^\"]",
      "[^/\\s]",
      "[\\w.+-]",
      "[0-9.]",
      "[^<]",
      "[a-c]",
      "[-a]",
      "[a-]",
      "[^-x]"
    };
    String[] lasts = {"", "", "[\\w+-]", "\\d", "[a-c]", "[^x]"};
    String[] tails = {"", "", "\"", "/", "_x", "\\.x"};
    String[] pieces = {
      "v=",
      "TAG=\"",
      "ghcr.io/a/b:",
      "x",
      "a-",
      "v",
      "1",
      "2.3",
      "a",
      "b",
      "c",
      "Z",
      ".",
      "+",
      "-",
      "_",
      "\"",
      "/",
      " ",
      "\n",
      "\r\n",
      "\t",
      "é",
      "\uD83D\uDE00",
      "<",
      "_x",
      ".x",
      "\uD83D"
    };
    Random random = new Random(7);
    int shaped = 0;
    for (int i = 0; i < 6000; i++) {
      String re =
          (random.nextBoolean() ? "^" : "")
              + heads[random.nextInt(heads.length)]
              + "(?<version>"
              + leads[random.nextInt(leads.length)]
              + runs[random.nextInt(runs.length)]
              + (random.nextBoolean() ? "+" : "*")
              + lasts[random.nextInt(lasts.length)]
              + ")"
              + tails[random.nextInt(tails.length)]
              + (random.nextInt(3) == 0 ? "$" : "");
      if (RegexFormat.Shape.of(compile(re)) != null) {
        shaped++;
      }
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(40); k > 0; k--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String t = text.toString();
      assertEquals(found(re, t, false), found(re, t, true), re + " in " + t);
    }
    // most generated patterns take the fast path, so the comparison tests it
    assertEquals(true, shaped > 3000, shaped + " of 6000 patterns had the shape");
  }
}

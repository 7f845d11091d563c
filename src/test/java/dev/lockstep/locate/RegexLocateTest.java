package dev.lockstep.locate;

import static dev.lockstep.locate.Places.assertSpan;
import static dev.lockstep.locate.Places.locate;
import static dev.lockstep.locate.Places.locator;
import static dev.lockstep.locate.Places.only;
import static dev.lockstep.locate.Places.startOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.model.Count;
import dev.lockstep.model.Locator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regex locators: the named group {@code version} of every match, in multi-line mode. */
class RegexLocateTest {
  @TempDir Path repo;

  @Test
  void everyMatchIsASite() throws Exception {
    String text = "image: ghcr.io/example/app:1.0.0\nsidecar: ghcr.io/example/app:2.0.0\n";
    Locate.Found found =
        locate(
            repo,
            "deploy.yaml",
            text,
            "{ file: deploy.yaml, regex: 'ghcr.io/example/app:(?<version>[0-9.]+)', all: true }");
    assertEquals(2, found.places().size(), found::toString);
    assertSpan(found.places().get(0), text, startOf(text, "app:1.0.0", "1.0.0"), "1.0.0");
    assertSpan(found.places().get(1), text, startOf(text, "app:2.0.0", "2.0.0"), "2.0.0");
    assertEquals(Place.Style.REGEX_GROUP, found.places().get(0).style());
  }

  @Test
  void caretAnchorsAtEachLine() throws Exception {
    String text = "#!/bin/sh\n  VERSION=0.0.1\nVERSION=\"1.2.3\"\necho $VERSION\n";
    Place s =
        only(
            locate(
                repo,
                "setup.sh",
                text,
                "{ file: setup.sh, regex: '^VERSION=\"(?<version>[^\"]+)\"' }"));
    assertSpan(s, text, startOf(text, "VERSION=\"1.2.3\"", "1.2.3"), "1.2.3");
  }

  @Test
  void aGroupInAnAlternativeThatDoesNotTakePartIsNoSite() throws Exception {
    String text = "b=9\na=1.2.3\nb=8\n";
    Place s =
        only(
            locate(
                repo,
                "v.txt",
                text,
                "{ file: v.txt, regex: '(?:a=(?<version>[0-9.]+)|b=[0-9]+)' }"));
    assertSpan(s, text, startOf(text, "a=1.2.3", "1.2.3"), "1.2.3");
  }

  @Test
  void emojiBeforeTheMatch() throws Exception {
    String text = "# 🚀 install 🚀\necho \"🚀\" && helm install x --version 1.2.3\n";
    Place s =
        only(
            locate(
                repo,
                "install.sh",
                text,
                "{ file: install.sh, regex: '--version (?<version>\\S+)' }"));
    assertSpan(s, text, startOf(text, "--version 1.2.3", "1.2.3"), "1.2.3");
  }

  @Test
  void crlfStaysOutOfAnEndAnchoredGroup() throws Exception {
    String text = "#!/bin/sh\r\nVERSION=1.2.3\r\nexit 0\r\n";
    Place s =
        only(
            locate(
                repo, "setup.sh", text, "{ file: setup.sh, regex: '^VERSION=(?<version>.*)$' }"));
    assertSpan(s, text, startOf(text, "VERSION=1.2.3", "1.2.3"), "1.2.3");
  }

  @Test
  void aPatternThatMatchesEmptyTextEnds() throws Exception {
    String text = "a1b\n\n22";
    Locate.Found found =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                locate(
                    repo,
                    "v.txt",
                    text,
                    "{ file: v.txt, regex: '(?<version>[0-9]*)', all: true }"));
    List<String> values = found.places().stream().map(Place::value).toList();
    assertTrue(values.contains("1") && values.contains("22"), values::toString);
    assertTrue(values.size() <= text.length() + 1, values::toString);
  }

  @Test
  void countTwo() throws Exception {
    Locator l = locator("{ file: a.sh, regex: 'V=(?<version>\\S+)', count: 2 }");
    assertEquals(Count.exactly(2), l.count());
    String text = "V=1.0.0\nV=1.0.0\n";
    Locate.Found found =
        locate(repo, "a.sh", text, "{ file: a.sh, regex: 'V=(?<version>\\S+)', count: 2 }");
    assertTrue(l.count().accepts(found.places().size()), found::toString);
    assertFalse(l.count().accepts(1));
    assertFalse(l.count().accepts(3));
  }

  @Test
  void allTrue() throws Exception {
    Locator l = locator("{ file: a.sh, regex: 'V=(?<version>\\S+)', all: true }");
    assertTrue(l.count().all());
    assertFalse(l.count().accepts(0), "all: true still needs one place");
    assertTrue(l.count().accepts(1));
    assertTrue(l.count().accepts(40));
    Locate.Found found =
        locate(
            repo,
            "a.sh",
            "V=1\nV=2\nV=3\n",
            "{ file: a.sh, regex: 'V=(?<version>\\S+)', all: true }");
    assertEquals(3, found.places().size());
    assertTrue(l.count().accepts(found.places().size()));
  }

  @Test
  void defaultCountIsOne() {
    Locator l = locator("{ file: a.sh, regex: 'V=(?<version>\\S+)' }");
    assertEquals(Count.ONE, l.count());
    assertTrue(l.count().accepts(1));
    assertFalse(l.count().accepts(2));
    assertFalse(l.count().accepts(0));
  }
}

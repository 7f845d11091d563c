package dev.lockstep.locate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.model.Locator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several locators into one file, located together: each finds what it finds alone. */
class LocateEachTest {
  @TempDir Path repo;

  /** What one locator reports: its places (value, position) and notes, or its failure. */
  private static String outcome(Locate.Found found) {
    List<String> out = new ArrayList<>();
    for (Place p : found.places()) {
      out.add(p.position() + "=" + p.value() + " " + p.style());
    }
    return out + " " + found.notes();
  }

  private List<String> alone(String path, List<Locator> locators) {
    List<String> out = new ArrayList<>();
    for (Locator l : locators) {
      try {
        out.add(outcome(new Locate().locate(new RepoFiles(repo), l)));
      } catch (LocateException e) {
        out.add(e.reason() + ": " + e.getMessage() + " / " + e.fix());
      }
    }
    return out;
  }

  private List<String> together(String path, List<Locator> locators) {
    List<String> out = new ArrayList<>();
    for (Locate.Attempt a : new Locate().locateEach(new RepoFiles(repo), path, locators)) {
      try {
        out.add(outcome(a.get()));
      } catch (LocateException e) {
        out.add(e.reason() + ": " + e.getMessage() + " / " + e.fix());
      }
    }
    return out;
  }

  @Test
  void yamlJsonAndRegexInOneFileFindWhatTheyFindAlone() throws IOException {
    Files.writeString(
        repo.resolve("values.yaml"),
        "api:\n  image:\n    tag: \"1.2.3\"\n  list: [a, b]\n---\nworker: { tag: 2.0.0 }\n");
    List<Locator> locators =
        List.of(
            Places.locator("{ file: values.yaml, yaml: .api.image.tag }"),
            Places.locator("{ file: values.yaml, yaml: .api.list }"),
            Places.locator("{ file: values.yaml, yaml: .worker.tag }"),
            Places.locator("{ file: values.yaml, yaml: .nothing.here }"),
            Places.locator("{ file: values.yaml, regex: 'tag: (?<version>[0-9.]+)' }"));
    List<String> together = together("values.yaml", locators);
    assertEquals(alone("values.yaml", locators), together);
    assertEquals("[values.yaml:3:11=1.2.3 DOUBLE_QUOTED] []", together.get(0));
  }

  @Test
  void aFileThatDoesNotParseFailsEachYamlLocatorAlike() throws IOException {
    Files.writeString(repo.resolve("bad.yaml"), "a: [1, 2\nb: c\n");
    List<Locator> locators =
        List.of(
            Places.locator("{ file: bad.yaml, yaml: .a }"),
            Places.locator("{ file: bad.yaml, regex: 'b: (?<version>c)' }"),
            Places.locator("{ file: bad.yaml, yaml: .b }"));
    List<String> together = together("bad.yaml", locators);
    assertEquals(alone("bad.yaml", locators), together);
    assertEquals(together.get(0), together.get(2));
    assertEquals("[bad.yaml:2:4=c REGEX_GROUP] []", together.get(1));
  }

  @Test
  void aMissingFileFailsEveryLocator() {
    List<Locator> locators =
        List.of(
            Places.locator("{ file: gone.json, json: /version }"),
            Places.locator("{ file: gone.json, regex: '(?<version>x)' }"));
    List<Locate.Attempt> attempts =
        new Locate().locateEach(new RepoFiles(repo), "gone.json", locators);
    assertEquals(2, attempts.size());
    for (Locate.Attempt a : attempts) {
      assertEquals(
          LocateException.Reason.FILE_MISSING,
          assertThrows(LocateException.class, a::get).reason());
    }
    assertEquals(alone("gone.json", locators), together("gone.json", locators));
  }

  /**
   * Generated JSON files with many pointers each, some malformed: one pass finds what each finds.
   */
  @Test
  void jsonPointersIntoOneFileFindInOnePassWhatTheyFindAlone() throws IOException {
    java.util.Random random = new java.util.Random(3);
    String[] pointers = {
      "/version",
      "/a",
      "/a/version",
      "/a/0",
      "/a/1/tag",
      "/b/c/d",
      "/list/0",
      "/list/2/x",
      "/dup",
      "/a~1b",
      "/m~0n",
      "/n",
      "/",
      "/list",
      "/b",
      "/b/c",
      "/esc"
    };
    int checked = 0;
    for (int i = 0; i < 150; i++) {
      String text = json(random, 3);
      if (random.nextInt(8) == 0) {
        text = text.substring(0, random.nextInt(text.length() + 1)); // cut short: malformed
      } else if (random.nextInt(10) == 0) {
        text += " {}"; // a second value
      }
      Files.writeString(repo.resolve("pins.json"), text);
      List<Locator> locators = new ArrayList<>();
      for (int k = 2 + random.nextInt(6); k > 0; k--) {
        locators.add(
            Places.locator(
                "{ file: pins.json, json: '" + pointers[random.nextInt(pointers.length)] + "' }"));
      }
      if (random.nextBoolean()) {
        locators.add(Places.locator("{ file: pins.json, regex: '\"(?<version>[0-9.]+)\"' }"));
      }
      assertEquals(alone("pins.json", locators), together("pins.json", locators), text);
      checked++;
    }
    assertEquals(150, checked);
  }

  /**
   * Generated scripts with many regex places each, read together as the survey reads them: each
   * pattern finds what it finds alone. Prefixes overlap (a prefix of another, repeated characters),
   * sit behind {@code ^}, start above ASCII, and the texts hold CRLF and characters above Latin-1.
   */
  @Test
  void regexPlacesOfOneFileFindWithOnePrefixPassWhatTheyFindAlone() throws IOException {
    java.util.Random random = new java.util.Random(11);
    String[] patterns = {
      "img:(?<version>[\\w.+-]*[\\w+-])",
      "img:x(?<version>\\S+)",
      "mg:(?<version>[0-9.]+)",
      "^img:(?<version>\\S+)$",
      "^export V=(?<version>\\S+)$",
      "aa(?<version>a+)",
      "a(?<version>[ab]*)",
      "ré:(?<version>\\S+)",
      "→(?<version>[0-9]+)",
      "--version (?<version>v?[0-9.]+)",
      "(?<version>[0-9]+\\.[0-9]+)",
    };
    String[] words = {
      "img:1.2.3",
      "img:x9",
      "mg:4.5",
      "export V=7",
      "aaaa",
      "ab",
      "ré:1",
      "→42",
      "--version v1.0",
      " ",
      "\n",
      "\r\n",
      "a",
      "i",
      "m",
      ":",
      "→",
      "é",
      "ü"
    };
    int checked = 0;
    for (int i = 0; i < 200; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = random.nextInt(60); w > 0; w--) {
        text.append(words[random.nextInt(words.length)]);
      }
      Files.writeString(repo.resolve("deploy.sh"), text.toString());
      List<Locator> locators = new ArrayList<>();
      for (int k = 1 + random.nextInt(9); k > 0; k--) {
        String pattern = patterns[random.nextInt(patterns.length)];
        locators.add(Places.locator("{ file: deploy.sh, regex: '" + pattern + "' }"));
      }
      assertEquals(alone("deploy.sh", locators), together("deploy.sh", locators), text.toString());
      checked++;
    }
    assertEquals(200, checked);
  }

  private static String json(java.util.Random r, int depth) {
    String[] keys = {
      "version", "a", "b", "c", "d", "tag", "list", "x", "dup", "a/b", "m~n", "n", "esc"
    };
    String[] scalars = {
      "\"1.2.3\"", "\"v0.9.1\"", "12", "1.5", "true", "null", "\"a\\\"b\"", "\"\""
    };
    int kind = depth <= 0 ? 2 : r.nextInt(3);
    if (kind == 0) {
      StringBuilder b = new StringBuilder("{");
      int n = r.nextInt(5);
      for (int i = 0; i < n; i++) {
        b.append(i > 0 ? ", " : "").append('"').append(keys[r.nextInt(keys.length)]).append("\": ");
        b.append(json(r, depth - 1));
      }
      return b.append(r.nextBoolean() ? "}" : "\n}").toString();
    }
    if (kind == 1) {
      StringBuilder b = new StringBuilder("[");
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        b.append(i > 0 ? ",\n  " : "").append(json(r, depth - 1));
      }
      return b.append("]").toString();
    }
    return scalars[r.nextInt(scalars.length)];
  }
}

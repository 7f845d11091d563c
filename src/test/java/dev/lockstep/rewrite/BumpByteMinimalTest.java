package dev.lockstep.rewrite;

import static dev.lockstep.rewrite.Workspace.replaceIn;
import static dev.lockstep.rewrite.Workspace.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.Golden;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lockstep bump} changes exactly the characters of each declared value and nothing else: the
 * expected file is the old file with only the old value's span replaced, and the result is also
 * kept as a golden file.
 */
class BumpByteMinimalTest {
  @TempDir Path dir;
  Workspace ws;

  @BeforeEach
  void setUp() {
    ws = new Workspace(dir);
  }

  /** The file now reads {@code expected} exactly, and matches its golden file. */
  private void assertFile(TestInfo test, String file, String expected) {
    String actual = ws.read(file);
    assertEquals(
        visible(expected),
        visible(actual),
        () -> file + " is not the old file with only the version changed");
    Golden.assertMatches(test, actual);
  }

  // ------------------------------------------------------------------ YAML

  @Test
  void plainValueWithTrailingComment(TestInfo test) {
    String before = ws.putFixture("values-comment.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: values-comment.yaml, yaml: .image.tag } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(
        test, "values-comment.yaml", replaceIn(before, "tag: 0.2.0   # pinned", "0.2.0", "0.3.0"));
  }

  @Test
  void singleQuoted(TestInfo test) {
    String before = ws.putFixture("quoted.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: quoted.yaml, yaml: .images.lib.single } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(test, "quoted.yaml", replaceIn(before, "single: '0.2.0'   #", "0.2.0", "0.3.0"));
  }

  @Test
  void doubleQuoted(TestInfo test) {
    String before = ws.putFixture("quoted.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: quoted.yaml, yaml: .images.lib.double } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(test, "quoted.yaml", replaceIn(before, "double: \"0.2.0\"", "0.2.0", "0.3.0"));
  }

  @Test
  void flowMapping(TestInfo test) {
    String before = ws.putFixture("flow.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: flow.yaml, yaml: .controller.tag } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(
        test, "flow.yaml", replaceIn(before, "controller, tag: \"0.2.0\"", "0.2.0", "0.3.0"));
  }

  @Test
  void sequenceElementByName(TestInfo test) {
    String before = ws.putFixture("deps.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: deps.yaml, yaml: '.dependencies[name=lib].version' } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(
        test, "deps.yaml", replaceIn(before, "name: lib\n    version: 0.2.0", "0.2.0", "0.3.0"));
  }

  /**
   * Three paths reach one anchored scalar through aliases: it is one place, edited once; the
   * aliases stay.
   */
  @Test
  void anchoredValueEditedOnceThroughItsAliases(TestInfo test) {
    String before = ws.putFixture("anchors.yaml");
    ws.graph(
        """
        - to: lib
          at:
            - { file: anchors.yaml, yaml: .defaults.tag }
            - { file: anchors.yaml, yaml: .controller.tag }
            - { file: anchors.yaml, yaml: .webhook.tag }
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(test, "anchors.yaml", replaceIn(before, "&libTag 0.2.0", "0.2.0", "0.3.0"));
  }

  /** An explicit {@code !!str} tag stays, and only the value after it changes. */
  @Test
  void taggedValueKeepsItsTag(TestInfo test) {
    String before = ws.putFixture("tagged.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: tagged.yaml, yaml: .image.tag } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(test, "tagged.yaml", replaceIn(before, "!!str 0.2.0", "0.2.0", "0.3.0"));
  }

  @Test
  void onlyTheSelectedDocumentChanges(TestInfo test) {
    String before = ws.putFixture("manifests.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: manifests.yaml, yaml: .data.version, document: kind=Job } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(
        test,
        "manifests.yaml",
        replaceIn(before, "name: install-lib\ndata:\n  version: 0.2.0", "0.2.0", "0.3.0"));
  }

  @Test
  void crlfLineEndingsStay(TestInfo test) {
    String before =
        ws.put(
            "values-comment.yaml", Workspace.fixture("values-comment.yaml").replace("\n", "\r\n"));
    ws.graph(
        """
        - to: lib
          at: [ { file: values-comment.yaml, yaml: .image.tag } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    String after = ws.read("values-comment.yaml");
    assertFile(
        test, "values-comment.yaml", replaceIn(before, "tag: 0.2.0   # pinned", "0.2.0", "0.3.0"));
    assertEquals(
        before.split("\r\n", -1).length,
        after.split("\r\n", -1).length,
        "every line still ends in CRLF");
    assertFalse(after.replace("\r\n", "").contains("\n"), "no bare LF");
  }

  @Test
  void crlfShellScriptKeepsItsLineEndings(TestInfo test) {
    String before = ws.put("install.sh", Workspace.fixture("install.sh").replace("\n", "\r\n"));
    ws.graph(
        """
        - to: lib
          at: [ { file: install.sh, regex: '^LIB_VERSION="(?<version>[^"]+)"' } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(
        test, "install.sh", replaceIn(before, "LIB_VERSION=\"0.2.0\"\r\n", "0.2.0", "0.3.0"));
  }

  @Test
  void yamlWithoutTrailingNewlineStaysWithout(TestInfo test) {
    String before = ws.putFixture("no-newline.yaml");
    assertFalse(before.endsWith("\n"), "bad fixture: it must not end in a newline");
    ws.graph(
        """
        - to: lib
          at: [ { file: no-newline.yaml, yaml: .image.tag } ]
        """);
    ws.bumpOk("lib", "0.10.0");
    assertFile(test, "no-newline.yaml", replaceIn(before, "tag: 0.2.0", "0.2.0", "0.10.0"));
    assertTrue(ws.read("no-newline.yaml").endsWith("tag: 0.10.0"));
  }

  @Test
  void scriptWithoutTrailingNewlineStaysWithout(TestInfo test) {
    String before = ws.put("pin.sh", "#!/bin/sh\nLIB_VERSION=0.2.0");
    ws.graph(
        """
        - to: lib
          at: [ { file: pin.sh, regex: 'LIB_VERSION=(?<version>\\S+)' } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(test, "pin.sh", "#!/bin/sh\nLIB_VERSION=0.3.0");
    assertEquals(before.length(), ws.read("pin.sh").length());
  }

  @Test
  void nonAsciiAndEmojiBeforeAYamlValue(TestInfo test) {
    String before = ws.putFixture("unicode.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: unicode.yaml, yaml: .image.tag } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(test, "unicode.yaml", replaceIn(before, "tag: \"0.2.0\"", "0.2.0", "0.3.0"));
  }

  @Test
  void yamlImageReferenceFormat(TestInfo test) {
    String before = ws.putFixture("formats.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: formats.yaml, yaml: .controller.image, format: "ghcr.io/example/app:{version}" } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(test, "formats.yaml", replaceIn(before, "app:0.2.0   #", "0.2.0", "0.3.0"));
  }

  @Test
  void vPrefixFormat(TestInfo test) {
    String before = ws.putFixture("formats.yaml");
    ws.graph(
        """
        - to: lib
          format: "v{version}"
          at: [ { file: formats.yaml, yaml: .controller.vtag } ]
        """);
    ws.bumpOk("lib", "v0.3.0");
    assertFile(test, "formats.yaml", replaceIn(before, "vtag: v0.2.0", "0.2.0", "0.3.0"));
  }

  @Test
  void dashedPartsFormat(TestInfo test) {
    String before = ws.putFixture("formats.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: formats.yaml, yaml: .controller.dashed, format: "{major}-{minor}-{patch}" } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(test, "formats.yaml", replaceIn(before, "dashed: 0-2-0", "0-2-0", "0-3-0"));
  }

  @Test
  void digestFormatWithDigest(TestInfo test) {
    String before = ws.putFixture("formats.yaml");
    String oldDigest = "sha256:" + "1".repeat(64);
    String newDigest = "sha256:" + "2".repeat(64);
    ws.graph(
        """
        - to: lib
          at: [ { file: formats.yaml, yaml: .controller.pinned, format: "ghcr.io/example/app:{version}@{digest}" } ]
        """);
    ws.bumpOk("lib", "0.3.0", "--digest", newDigest);
    assertFile(
        test,
        "formats.yaml",
        replaceIn(before, "app:0.2.0@" + oldDigest, "0.2.0@" + oldDigest, "0.3.0@" + newDigest));
  }

  /**
   * Edits that change the length (0.9.0 to 0.10.0) at three places of one file, one of them a regex
   * inside a YAML value.
   */
  @Test
  void lengthChangingEditsInOneFile(TestInfo test) {
    String before = ws.putFixture("lengths.yaml");
    ws.graph(
        """
        - to: lib
          at:
            - { file: lengths.yaml, yaml: .lib }
            - { file: lengths.yaml, yaml: .mirror.lib }
            - { file: lengths.yaml, regex: '--version (?<version>[0-9.]+)' }
        """);
    ws.bumpOk("lib", "0.10.0");
    String expected = replaceIn(before, "\nlib: 0.9.0\n", "0.9.0", "0.10.0");
    expected = replaceIn(expected, "lib: '0.9.0'", "0.9.0", "0.10.0");
    expected = replaceIn(expected, "--version 0.9.0", "0.9.0", "0.10.0");
    assertFile(test, "lengths.yaml", expected);
  }

  // ------------------------------------------------------------------ JSON

  @Test
  void jsonString(TestInfo test) {
    String before = ws.putFixture("pins.json");
    ws.graph(
        """
        - to: lib
          at: [ { file: pins.json, json: /lib/version } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(test, "pins.json", replaceIn(before, "\"version\": \"0.2.0\"", "0.2.0", "0.3.0"));
  }

  /** A JSON number stays a number when the format writes digits only ({@code 123} for 1.2.3). */
  @Test
  void jsonNumberStaysANumber(TestInfo test) {
    String before = ws.putFixture("pins.json");
    ws.graph(
        """
        - to: lib
          at: [ { file: pins.json, json: /lib/build, format: "{major}{minor}{patch}" } ]
        """);
    ws.bumpOk("lib", "1.2.4");
    assertFile(test, "pins.json", replaceIn(before, "\"build\": 123", "123", "124"));
  }

  @Test
  void nonAsciiAndEmojiBeforeAJsonValue(TestInfo test) {
    String before = ws.putFixture("unicode.json");
    ws.graph(
        """
        - to: lib
          at: [ { file: unicode.json, json: /lib/version } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(test, "unicode.json", replaceIn(before, "\"version\": \"0.2.0\"", "0.2.0", "0.3.0"));
  }

  @Test
  void jsonWithoutTrailingNewlineStaysWithout(TestInfo test) {
    ws.put("pin.json", "{\"lib\":\"0.2.0\"}");
    ws.graph(
        """
        - to: lib
          at: [ { file: pin.json, json: /lib } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(test, "pin.json", "{\"lib\":\"0.3.0\"}");
  }

  // ------------------------------------------------------------------ regex

  @Test
  void regexGroupInAShellScript(TestInfo test) {
    String before = ws.putFixture("install.sh");
    ws.graph(
        """
        - to: lib
          at: [ { file: install.sh, regex: '^LIB_VERSION="(?<version>[^"]+)"' } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(test, "install.sh", replaceIn(before, "LIB_VERSION=\"0.2.0\"", "0.2.0", "0.3.0"));
  }

  @Test
  void nonAsciiAndEmojiBeforeARegexGroup(TestInfo test) {
    String before = ws.putFixture("unicode.sh");
    ws.graph(
        """
        - to: lib
          at: [ { file: unicode.sh, regex: '^LIB_VERSION="(?<version>[^"]+)"' } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertFile(test, "unicode.sh", replaceIn(before, "LIB_VERSION=\"0.2.0\"", "0.2.0", "0.3.0"));
  }
}

package dev.lockstep.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bump that cannot be made safely is refused: exit code 2, one line that says where and why,
 * nothing on stdout, and not one file written (bytes, mtimes and permissions of every file in the
 * workspace are compared before and after).
 */
class BumpRefusalTest {
  @TempDir Path dir;
  Workspace ws;

  @BeforeEach
  void setUp() {
    ws = new Workspace(dir);
  }

  /** Runs the bump and checks it was refused without touching any file; returns the one line. */
  private String assertRefused(String... args) {
    ws.age();
    Map<String, Workspace.FileState> before = ws.snapshot();
    Workspace.Run r = ws.bump(args);
    assertEquals(2, r.code(), () -> "expected a refusal (exit 2):\n" + r);
    assertEquals(1, r.errLines().size(), () -> "expected one line on stderr:\n" + r);
    assertEquals("", r.out(), () -> "a refused bump prints no diff:\n" + r);
    assertEquals(before, ws.snapshot(), () -> "a refused bump changed files:\n" + r);
    assertEquals(List.of(), ws.leftovers(), "temp files left behind");
    String line = r.errLines().get(0);
    assertFalse(
        line.contains("Exception") || line.contains("\tat "),
        () -> "Java internals leaked: " + line);
    return line;
  }

  private static void assertContains(String line, String... fragments) {
    for (String f : fragments) {
      assertTrue(line.contains(f), () -> "expected '" + f + "' in: " + line);
    }
  }

  // ------------------------------------------------------------------ values that cannot be
  // written in place

  /**
   * {@code 0:2:0} is a plain YAML string; {@code 1:0:0} is the base-60 integer 3600 in YAML 1.1.
   */
  @Test
  void plainYamlScalarThatWouldBecomeANumber() {
    ws.putFixture("refusals.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: refusals.yaml, yaml: .clock, format: "{major}:{minor}:{patch}" } ]
        """);
    String line = assertRefused("lib", "1.0.0");
    assertContains(line, "refusals.yaml:2:", "1:0:0");
  }

  @Test
  void literalBlockScalar() {
    ws.putFixture("refusals.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: refusals.yaml, yaml: .block } ]
        """);
    assertContains(assertRefused("lib", "0.3.0"), "refusals.yaml:3:");
  }

  @Test
  void dryRunIsRefusedTheSameWay() {
    ws.putFixture("refusals.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: refusals.yaml, yaml: .block } ]
        """);
    assertContains(assertRefused("lib", "0.3.0", "--dry-run"), "refusals.yaml:3:");
  }

  @Test
  void foldedBlockScalar() {
    ws.putFixture("refusals.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: refusals.yaml, yaml: .folded } ]
        """);
    assertContains(assertRefused("lib", "0.3.0"), "refusals.yaml:5:");
  }

  @Test
  void doubleQuotedYamlWithEscapes() {
    ws.putFixture("refusals.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: refusals.yaml, yaml: .escaped } ]
        """);
    assertContains(assertRefused("lib", "0.3.0"), "refusals.yaml:7:");
  }

  @Test
  void jsonStringWithEscapes() {
    ws.putFixture("refusals.json");
    ws.graph(
        """
        - to: lib
          at: [ { file: refusals.json, json: /escaped } ]
        """);
    assertContains(assertRefused("lib", "0.3.0"), "refusals.json:3:");
  }

  /** {@code "schema": 1} is a JSON number; 0.3.0 could only be written as a string. */
  @Test
  void jsonNumberThatWouldNeedAString() {
    ws.putFixture("refusals.json");
    ws.graph(
        """
        - to: lib
          at: [ { file: refusals.json, json: /schema } ]
        """);
    assertContains(assertRefused("lib", "0.3.0"), "refusals.json:2:", "0.3.0");
  }

  /** The pattern only admits 0.2.x: after the edit it would no longer find the place. */
  @Test
  void regexThatNoLongerMatchesTheNewValue() {
    ws.putFixture("install.sh");
    ws.graph(
        """
        - to: lib
          at: [ { file: install.sh, regex: '^LIB_VERSION="(?<version>0\\.2\\.\\d+)"' } ]
        """);
    assertContains(assertRefused("lib", "0.3.0"), "install.sh:4:");
  }

  // ------------------------------------------------------------------ the graph does not pin one
  // place

  /**
   * The pattern also hits {@code golang.org/x/mod v0.2.0} in a comment: two places where one is
   * declared.
   */
  @Test
  void locatorMatchingTwoPlaces() {
    ws.putFixture("install.sh");
    ws.graph(
        """
        - to: lib
          at: [ { file: install.sh, regex: '(?<version>0\\.2\\.0)' } ]
        """);
    assertContains(assertRefused("lib", "0.3.0"), "install.sh");
  }

  @Test
  void locatorMatchingNothing() {
    ws.putFixture("install.sh");
    ws.graph(
        """
        - to: lib
          at: [ { file: install.sh, regex: '^OTHER_VERSION="(?<version>[^"]+)"' } ]
        """);
    assertContains(assertRefused("lib", "0.3.0"), "install.sh");
  }

  @Test
  void locatorNamingAMissingFile() {
    ws.putFixture("values-comment.yaml");
    ws.graph(
        """
        - to: lib
          at:
            - { file: values-comment.yaml, yaml: .image.tag }
            - { file: gone.yaml, yaml: .image.tag }
        """);
    assertContains(assertRefused("lib", "0.3.0"), "gone.yaml");
  }

  // ------------------------------------------------------------------ bad arguments

  @Test
  void unknownArtifact() {
    ws.putFixture("values-comment.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: values-comment.yaml, yaml: .image.tag } ]
        """);
    assertContains(assertRefused("libb", "0.3.0"), "libb");
  }

  @Test
  void versionThatIsNotSemVer() {
    ws.putFixture("values-comment.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: values-comment.yaml, yaml: .image.tag } ]
        """);
    assertContains(assertRefused("lib", "0.3"), "0.3");
    assertContains(assertRefused("lib", "latest"), "latest");
  }

  @Test
  void digestFormatWithoutDigest() {
    ws.putFixture("formats.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: formats.yaml, yaml: .controller.pinned, format: "ghcr.io/example/app:{version}@{digest}" } ]
        """);
    assertContains(assertRefused("lib", "0.3.0"), "formats.yaml:5:", "--digest");
  }

  /**
   * What --digest writes must itself be a digest; otherwise the place no longer holds its format.
   */
  @Test
  void digestThatIsNotASha256Digest() {
    ws.putFixture("formats.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: formats.yaml, yaml: .controller.pinned, format: "ghcr.io/example/app:{version}@{digest}" } ]
        """);
    assertContains(assertRefused("lib", "0.3.0", "--digest", "latest"), "latest");
  }

  // ------------------------------------------------------------------ all or nothing

  /**
   * The first file's edit is fine, the second's is refused: the first file is not written either.
   */
  @Test
  void refusalInTheSecondFileLeavesTheFirstUntouched() {
    ws.putFixture("values-comment.yaml");
    ws.putFixture("refusals.yaml");
    ws.graph(
        """
        - to: lib
          at:
            - { file: values-comment.yaml, yaml: .image.tag }
            - { file: refusals.yaml, yaml: .fine }
        - to: lib
          at: [ { file: refusals.yaml, yaml: .block } ]
        """);
    assertContains(assertRefused("lib", "0.3.0"), "refusals.yaml:3:");
  }

  /**
   * The same with the refusal found only after the edit (the regex read-back), in a second file.
   */
  @Test
  void readBackFailureInTheSecondFileLeavesTheFirstUntouched() {
    ws.putFixture("values-comment.yaml");
    ws.putFixture("install.sh");
    ws.graph(
        """
        - to: lib
          at:
            - { file: values-comment.yaml, yaml: .image.tag }
            - { file: install.sh, regex: '^LIB_VERSION="(?<version>0\\.2\\.\\d+)"' }
        """);
    assertContains(assertRefused("lib", "0.3.0"), "install.sh:4:");
  }
}

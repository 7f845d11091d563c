package dev.lockstep.cli;

import static dev.lockstep.cli.Cli.assertContains;
import static dev.lockstep.cli.Cli.assertExit;
import static dev.lockstep.cli.Cli.assertNoStackTrace;
import static dev.lockstep.cli.Cli.assertPointsAt;
import static dev.lockstep.cli.Cli.columnOf;
import static dev.lockstep.cli.Cli.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.locate.RepoFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input through {@code lockstep verify}: exit 2, one line per problem on stderr
 * naming the graph file and the line (and column) to fix, what to do, and no stack trace.
 */
class VerifyBadInputTest {
  /** The start every graph below shares: one checked-out repo and one image it builds. */
  private static final String HEAD =
      """
      lockstep: 1
      repos:
        app: { path: repo }
      artifacts:
        img:
          kind: image
          repo: app
          name: ghcr.io/example/app
      """;

  @TempDir Path dir;
  private Path repo;

  @BeforeEach
  void makeRepo() throws IOException {
    repo = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(repo.resolve("version.sh"), "#!/bin/sh\nVERSION=1.2.3\n");
  }

  private Path graph(String text) throws IOException {
    return Files.writeString(dir.resolve("lockstep.yaml"), text, StandardCharsets.UTF_8);
  }

  /**
   * A graph where the file artifact {@code doc} names {@code img} at one place, written as {@code
   * place}.
   */
  private static String withPlace(String place) {
    return HEAD
        + """
          doc:
            kind: file
            repo: app
            uses:
              - to: img
                at:
                  - %s
        """
            .formatted(place);
  }

  /**
   * The lines that report input problems. The README and the brief for this gate: "2 bad input (one
   * line per problem, naming file, line and what to do)", on standard error.
   */
  private static List<String> problemLines(Cli.Result r) {
    return r.errLines();
  }

  /** Exit 2 and exactly one problem line, at the line of {@code marker}; returns that line. */
  private static String onlyProblem(Cli.Result r, Path graph, String text, String marker) {
    assertExit(2, r);
    assertNoStackTrace(r);
    List<String> lines = problemLines(r);
    assertEquals(1, lines.size(), () -> "expected exactly one problem line on stderr:\n" + r);
    String line = lines.get(0);
    assertPointsAt(line, graph, lineOf(text, marker));
    assertTrue(line.contains("; "), () -> "a problem line says what to do after '; ': " + line);
    return line;
  }

  // ---- malformed YAML ----

  @Test
  void badIndentationIsReportedAtItsLine() throws IOException {
    String text =
        """
        lockstep: 1
        repos:
          app: { path: repo }
        artifacts:
          img:
            kind: image
             repo: app
            name: ghcr.io/example/app
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "     repo: app");
    assertContains(line, "malformed YAML", "indentation");
  }

  @Test
  void unclosedQuoteIsReportedAtTheOpeningQuote() throws IOException {
    String text =
        """
        lockstep: 1
        repos:
          app: { path: repo }
        artifacts:
          img:
            kind: image
            repo: app
            name: "ghcr.io/example/app
            tag: v{version}
          other:
            kind: file
            repo: app
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "name: \"ghcr");
    assertContains(line, "malformed YAML", "quote");
    assertPointsAt(line, g, lineOf(text, "name: \"ghcr"), columnOf(text, "\"ghcr"));
  }

  // ---- wrong types ----

  @Test
  void listWhereAStringGoes() throws IOException {
    String text =
        """
        lockstep: 1
        repos:
          app: { path: repo }
        artifacts:
          img:
            kind: image
            repo: app
            name: [ ghcr.io/example/app ]
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "name: [");
    assertPointsAt(line, g, lineOf(text, "name: ["), columnOf(text, "name: ["));
    assertContains(line, "artifacts.img.name", "expected a string");
  }

  @Test
  void countThatIsNotANumber() throws IOException {
    String text = withPlace("{ file: version.sh, regex: 'VERSION=(?<version>\\S+)', count: many }");
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "count: many");
    assertPointsAt(line, g, lineOf(text, "count: many"), columnOf(text, "count: many"));
    assertContains(line, "count", "whole number");
  }

  @Test
  void unquotedBraceTemplateIsAMappingAndTheFixSaysToQuoteIt() throws IOException {
    String text =
        HEAD.replace(
            "    name: ghcr.io/example/app\n",
            "    name: ghcr.io/example/app\n    tag: {version}\n");
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "tag: {version}");
    assertPointsAt(line, g, lineOf(text, "tag: {version}"), columnOf(text, "tag: {version}"));
    assertContains(line, "artifacts.img.tag", "expected a string", "quote");
  }

  // ---- unknown keys, with "did you mean" ----

  @Test
  void unknownKeyAtTopLevel() throws IOException {
    String text =
        """
        lockstep: 1
        repos:
          app: { path: repo }
        artifact:
          img:
            kind: image
            repo: app
            name: ghcr.io/example/app
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "artifact:");
    assertPointsAt(line, g, lineOf(text, "artifact:"), 1);
    assertContains(line, "unknown key 'artifact'", "did you mean 'artifacts'?");
  }

  @Test
  void unknownKeyInARepo() throws IOException {
    String text =
        """
        lockstep: 1
        repos:
          app:
            pth: repo
        artifacts:
          img:
            kind: image
            repo: app
            name: ghcr.io/example/app
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "pth:");
    assertPointsAt(line, g, lineOf(text, "pth:"), columnOf(text, "pth:"));
    assertContains(line, "repos.app.pth", "unknown key 'pth'", "did you mean 'path'?");
  }

  @Test
  void unknownKeyInAnImage() throws IOException {
    String text = HEAD + "    buid: { from: gcr.io/distroless/static }\n";
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "buid:");
    assertPointsAt(line, g, lineOf(text, "buid:"), columnOf(text, "buid:"));
    assertContains(line, "artifacts.img.buid", "unknown key 'buid'", "did you mean 'build'?");
  }

  @Test
  void unknownKeyInAChart() throws IOException {
    String text =
        HEAD
            + """
          chart:
            kind: chart
            repo: app
            path: chart
            pubish: oci://ghcr.io/example/chart
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "pubish:");
    assertPointsAt(line, g, lineOf(text, "pubish:"), columnOf(text, "pubish:"));
    assertContains(
        line, "artifacts.chart.pubish", "unknown key 'pubish'", "did you mean 'publish'?");
  }

  @Test
  void unknownKeyInAHook() throws IOException {
    String text =
        HEAD
            + """
          hook:
            kind: hook
            repo: app
            paht: hooks/install.yaml
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "paht:");
    assertPointsAt(line, g, lineOf(text, "paht:"), columnOf(text, "paht:"));
    assertContains(line, "artifacts.hook.paht", "unknown key 'paht'", "did you mean 'path'?");
  }

  @Test
  void unknownKeyInAFile() throws IOException {
    String text =
        HEAD
            + """
          doc:
            kind: file
            repo: app
            descripton: the setup script
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "descripton:");
    assertPointsAt(line, g, lineOf(text, "descripton:"), columnOf(text, "descripton:"));
    assertContains(
        line,
        "artifacts.doc.descripton",
        "unknown key 'descripton'",
        "did you mean 'description'?");
  }

  @Test
  void unknownKeyInALocator() throws IOException {
    String text =
        HEAD
            + """
          doc:
            kind: file
            repo: app
            uses:
              - to: img
                at:
                  - file: version.sh
                    regex: 'VERSION=(?<version>\\S+)'
                    formt: "{version}"
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "formt:");
    assertPointsAt(line, g, lineOf(text, "formt:"), columnOf(text, "formt:"));
    assertContains(
        line, "artifacts.doc.uses[0].at[0].formt", "unknown key 'formt'", "did you mean 'format'?");
  }

  @Test
  void unknownKeyInAnExternalPin() throws IOException {
    String text =
        HEAD
            + """
          clusteradm:
            kind: image
            name: quay.io/kubestellar/clusteradm
            external: { verison: 0.10.1 }
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "verison:");
    assertPointsAt(line, g, lineOf(text, "verison:"), columnOf(text, "verison:"));
    assertContains(line, "unknown key 'verison'", "did you mean 'version'?");
  }

  @Test
  void unknownKeyWhoseValueIsAList() throws IOException {
    String text =
        HEAD
            + """
          base:
            kind: chart
            repo: app
            path: base
          umbrella:
            kind: chart
            repo: app
            path: umbrella
            dependecies:
              - base
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "dependecies:");
    assertPointsAt(line, g, lineOf(text, "dependecies:"), columnOf(text, "dependecies:"));
    assertContains(line, "artifacts.umbrella.dependecies:", "did you mean 'dependencies'?");
  }

  @Test
  void unknownKeyWhoseValueIsAListInAFlowMapping() throws IOException {
    String text =
        """
        lockstep: 1
        repos:
          app:
            path: repo
            scan: { exclud: [ "docs/**" ] }
        artifacts: {}
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "exclud:");
    assertPointsAt(line, g, lineOf(text, "exclud:"), columnOf(text, "exclud:"));
    assertContains(line, "repos.app.scan.exclud:", "did you mean 'exclude'?");
  }

  // ---- kinds and ids ----

  @Test
  void unknownKind() throws IOException {
    String text =
        HEAD
            + """
          tool:
            kind: imgae
            name: ghcr.io/example/tool
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "kind: imgae");
    assertContains(line, "unknown kind 'imgae'", "image", "chart", "hook", "file");
  }

  @Test
  void missingKind() throws IOException {
    String text =
        HEAD
            + """
          tool:
            name: ghcr.io/example/tool
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "tool:");
    assertContains(line, "missing 'kind'", "kind: image");
  }

  @Test
  void anArtifactWithAnEmptyBodyIsNotSilentlyDropped() throws IOException {
    String text =
        HEAD
            + """
          tool:
          doc:
            kind: file
            repo: app
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "tool:");
    assertContains(line, "artifacts.tool", "kind");
  }

  @Test
  void twoArtifactsWithTheSameId() throws IOException {
    String text =
        HEAD
            + """
          img:
            kind: image
            repo: app
            name: ghcr.io/example/other
        """;
    Path g = graph(text);
    int first = text.lines().toList().indexOf("  img:") + 1;
    int second = text.lines().toList().lastIndexOf("  img:") + 1;
    Cli.Result r = Cli.verify(g);
    assertExit(2, r);
    assertNoStackTrace(r);
    List<String> lines = problemLines(r);
    assertEquals(1, lines.size(), r::toString);
    assertPointsAt(lines.get(0), g, second, 3);
    assertContains(lines.get(0), "duplicate", "'img'", "line " + first);
  }

  @Test
  void anArtifactWithARepoId() throws IOException {
    String text =
        HEAD
            + """
          app:
            kind: file
            repo: app
        """;
    Path g = graph(text);
    int artifactLine = text.lines().toList().lastIndexOf("  app:") + 1;
    Cli.Result r = Cli.verify(g);
    assertExit(2, r);
    assertNoStackTrace(r);
    List<String> lines = problemLines(r);
    assertEquals(1, lines.size(), r::toString);
    assertPointsAt(lines.get(0), g, artifactLine, 3);
    assertContains(lines.get(0), "duplicate id 'app'", "rename");
  }

  @Test
  void unknownReferenceTargetSuggestsTheClosestId() throws IOException {
    String text =
        HEAD
            + """
          doc:
            kind: file
            repo: app
            uses:
              - to: imgg
                at: [ { file: version.sh, regex: 'VERSION=(?<version>\\S+)' } ]
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "to: imgg");
    assertPointsAt(line, g, lineOf(text, "to: imgg"), columnOf(text, "to: imgg"));
    assertContains(line, "'imgg'", "did you mean 'img'?");
  }

  @Test
  void unknownRepoSuggestsTheClosestRepo() throws IOException {
    String text =
        HEAD
            + """
          doc:
            kind: file
            repo: apps
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "repo: apps");
    assertPointsAt(line, g, lineOf(text, "repo: apps"), columnOf(text, "repo: apps"));
    assertContains(line, "unknown repo 'apps'", "did you mean 'app'?");
  }

  // ---- build cycles ----

  @Test
  void baseImageCycle() throws IOException {
    String text =
        """
        lockstep: 1
        repos:
          app: { path: repo }
        artifacts:
          first:
            kind: image
            repo: app
            name: ghcr.io/example/first
            base: second
          second:
            kind: image
            repo: app
            name: ghcr.io/example/second
            base: first
        """;
    Path g = graph(text);
    Cli.Result r = Cli.verify(g);
    assertExit(2, r);
    assertNoStackTrace(r);
    List<String> lines = problemLines(r);
    assertEquals(1, lines.size(), r::toString);
    String line = lines.get(0);
    assertTrue(
        Cli.prefix(line, g, lineOf(text, "first:")) != null
            || Cli.prefix(line, g, lineOf(text, "second:")) != null,
        () -> "the cycle is reported where one of its images is declared: " + line);
    assertContains(line, "cycle", "first -> second", "second -> first", "base:");
  }

  @Test
  void chartDependencyCycle() throws IOException {
    String text =
        """
        lockstep: 1
        repos:
          app: { path: repo }
        artifacts:
          umbrella:
            kind: chart
            repo: app
            path: umbrella
            dependencies: [ addon ]
          addon:
            kind: chart
            repo: app
            path: addon
            dependencies: [ umbrella ]
        """;
    Path g = graph(text);
    Cli.Result r = Cli.verify(g);
    assertExit(2, r);
    assertNoStackTrace(r);
    List<String> lines = problemLines(r);
    assertEquals(1, lines.size(), r::toString);
    String line = lines.get(0);
    assertTrue(
        Cli.prefix(line, g, lineOf(text, "umbrella:")) != null
            || Cli.prefix(line, g, lineOf(text, "addon:")) != null,
        () -> "the cycle is reported where one of its charts is declared: " + line);
    assertContains(line, "cycle", "umbrella -> addon", "addon -> umbrella", "dependencies");
  }

  // ---- locator files ----

  @Test
  void locatorFileMissing() throws IOException {
    String text = withPlace("{ file: scripts/missing.sh, regex: 'VERSION=(?<version>\\S+)' }");
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "missing.sh");
    assertContains(line, "scripts/missing.sh", "does not exist", "fix the path");
  }

  @Test
  void locatorPathLeavingTheRepoWithDotDot() throws IOException {
    Files.writeString(dir.resolve("outside.sh"), "VERSION=1.2.3\n");
    String text = withPlace("{ file: ../outside.sh, regex: 'VERSION=(?<version>\\S+)' }");
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "../outside.sh");
    assertContains(line, "../outside.sh", "leaves its repo", "inside the repo");
  }

  @Test
  void symlinkInsideTheRepoPointingOutside() throws IOException {
    Path outside = Files.writeString(dir.resolve("outside.sh"), "VERSION=1.2.3\n");
    Files.createSymbolicLink(repo.resolve("link.sh"), outside);
    String text = withPlace("{ file: link.sh, regex: 'VERSION=(?<version>\\S+)' }");
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "link.sh");
    assertContains(line, "link.sh", "symlink", "leaves its repo");
  }

  @Test
  void binaryFile() throws IOException {
    Files.write(repo.resolve("tool.bin"), new byte[] {'V', 'E', 'R', 0, 1, 2, 0, 'x'});
    String text = withPlace("{ file: tool.bin, regex: 'VERSION=(?<version>\\S+)' }");
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "tool.bin");
    assertContains(line, "tool.bin", "binary", "text file");
  }

  @Test
  void hugeFile() throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(repo.resolve("huge.txt").toFile(), "rw")) {
      f.setLength(RepoFiles.MAX_BYTES + 1); // sparse: no data is written
    }
    String text = withPlace("{ file: huge.txt, regex: 'VERSION=(?<version>\\S+)' }");
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "huge.txt");
    assertContains(line, "huge.txt", "limit");
  }

  // ---- regex, format, paths ----

  @Test
  void regexWithoutAVersionGroup() throws IOException {
    String text = withPlace("{ file: version.sh, regex: 'VERSION=(\\S+)' }");
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "regex:");
    assertPointsAt(line, g, lineOf(text, "regex:"), columnOf(text, "regex:"));
    assertContains(line, "version", "(?<version>");
  }

  @Test
  void regexWithABackreference() throws IOException {
    String text = withPlace("{ file: version.sh, regex: '(a)\\1(?<version>x)' }");
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "regex:");
    assertPointsAt(line, g, lineOf(text, "regex:"), columnOf(text, "regex:"));
    assertContains(line, "\\1", "backreferences");
  }

  @Test
  void regexWithALookahead() throws IOException {
    String text = withPlace("{ file: version.sh, regex: 'VERSION=(?=1)(?<version>\\S+)' }");
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "regex:");
    assertPointsAt(line, g, lineOf(text, "regex:"), columnOf(text, "regex:"));
    assertContains(line, "(?=", "lookaround");
  }

  @Test
  void regexWithAHugeRepeatCount() throws IOException {
    String text = withPlace("{ file: version.sh, regex: '(?<version>a{1001})' }");
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "regex:");
    assertPointsAt(line, g, lineOf(text, "regex:"), columnOf(text, "regex:"));
    assertContains(line, "{1001}", "repeat");
  }

  @Test
  void badFormatTemplate() throws IOException {
    String text =
        HEAD
            + """
          doc:
            kind: file
            repo: app
            uses:
              - to: img
                format: "{verison}"
                at: [ { file: version.sh, regex: 'VERSION=(?<version>\\S+)' } ]
        """;
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "format:");
    assertPointsAt(line, g, lineOf(text, "format:"), columnOf(text, "format:"));
    assertContains(line, "{verison}", "{version}");
  }

  @Test
  void badYamlPath() throws IOException {
    String text = withPlace("{ file: values.yaml, yaml: '.a[' }");
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "yaml: '.a['");
    assertPointsAt(line, g, lineOf(text, "yaml: '.a['"), columnOf(text, "yaml: '.a['"));
    assertContains(line, ".a[", "unclosed");
  }

  @Test
  void jsonPointerWithoutLeadingSlash() throws IOException {
    String text = withPlace("{ file: pins.json, json: 'cert_manager/version' }");
    Path g = graph(text);
    String line = onlyProblem(Cli.verify(g), g, text, "json:");
    assertPointsAt(line, g, lineOf(text, "json:"), columnOf(text, "json:"));
    assertContains(line, "cert_manager/version", "must start with '/'");
  }

  // ---- many problems at once ----

  @Test
  void severalProblemsAreAllReportedSortedByLine() throws IOException {
    String text =
        """
        lockstep: 1
        repos:
          app:
            path: repo
            pth: repo
        artifacts:
          img:
            kind: image
            repo: app
            name: ghcr.io/example/app
            tag: {version}
          chart:
            kind: chart
            repo: app
            path: chart
            pubish: oci://ghcr.io/example/chart
          odd:
            kind: imgae
            name: ghcr.io/example/odd
          doc:
            kind: file
            repo: apps
            uses:
              - to: chrat
                at:
                  - { file: version.sh, regex: '(a)\\1(?<version>x)' }
                  - { file: values.yaml, yaml: '.a[' }
        """;
    Path g = graph(text);
    List<String> markers =
        List.of(
            "pth:",
            "tag: {version}",
            "pubish:",
            "kind: imgae",
            "repo: apps",
            "to: chrat",
            "regex:",
            "yaml: '.a['");
    Cli.Result r = Cli.verify(g);
    assertExit(2, r);
    assertNoStackTrace(r);
    List<String> lines = problemLines(r);
    assertEquals(markers.size(), lines.size(), () -> "one line per problem:\n" + r);
    for (int i = 0; i < markers.size(); i++) {
      assertPointsAt(lines.get(i), g, lineOf(text, markers.get(i)));
    }
  }

  @Test
  void aWrongTypeDoesNotHideAnUnknownKeyLaterInTheSameArtifact() throws IOException {
    String text =
        """
        lockstep: 1
        repos:
          app: { path: repo }
        artifacts:
          img:
            kind: image
            repo: app
            tag: {version}
            nmae: ghcr.io/example/app
        """;
    Path g = graph(text);
    Cli.Result r = Cli.verify(g);
    assertExit(2, r);
    assertNoStackTrace(r);
    List<String> lines = problemLines(r);
    assertTrue(
        lines.stream().anyMatch(l -> Cli.prefix(l, g, lineOf(text, "tag: {version}")) != null),
        () -> "the wrong type is reported:\n" + r);
    assertTrue(
        lines.stream()
            .anyMatch(l -> Cli.prefix(l, g, lineOf(text, "nmae:")) != null && l.contains("'nmae'")),
        () -> "the unknown key after it is reported too:\n" + r);
  }

  @Test
  void twoIndependentBuildCyclesAreBothReported() throws IOException {
    String text =
        """
        lockstep: 1
        repos:
          app: { path: repo }
        artifacts:
          first:
            kind: image
            repo: app
            name: ghcr.io/example/first
            base: second
          second:
            kind: image
            repo: app
            name: ghcr.io/example/second
            base: first
          umbrella:
            kind: chart
            repo: app
            path: umbrella
            dependencies: [ addon ]
          addon:
            kind: chart
            repo: app
            path: addon
            dependencies: [ umbrella ]
        """;
    Path g = graph(text);
    Cli.Result r = Cli.verify(g);
    assertExit(2, r);
    List<String> lines = problemLines(r);
    assertTrue(
        lines.stream()
            .anyMatch(l -> l.contains("cycle") && l.contains("first") && l.contains("second")),
        () -> "the image cycle is reported:\n" + r);
    assertTrue(
        lines.stream()
            .anyMatch(l -> l.contains("cycle") && l.contains("umbrella") && l.contains("addon")),
        () -> "the chart cycle is reported too:\n" + r);
  }

  // ---- the command line itself ----

  @Test
  void missingGraphFile() {
    Path missing = dir.resolve("nope.yaml");
    Cli.Result r = Cli.verify(missing);
    assertExit(2, r);
    assertNoStackTrace(r);
    assertEquals(1, r.errLines().size(), r::toString);
    assertContains(r.errLines().get(0), "nope.yaml", "not found", "--graph");
  }

  @Test
  void unknownOutputFormatGivesAUsageHint() throws IOException {
    Path g = graph(HEAD);
    Cli.Result r = Cli.verify(g, "--format", "nope");
    assertExit(2, r);
    assertNoStackTrace(r);
    assertContains(r.err(), "nope", "text", "json", "sarif", "github", "--help");
  }

  @Test
  void stackTraceOnlyWithTheFlag() throws IOException {
    Path g = graph(withPlace("{ file: version.sh, regex: 'VERSION=(?<version>\\S+)' }"));
    // The report cannot be written below a regular file: an I/O error, not bad input.
    String output = repo.resolve("version.sh").resolve("report.txt").toString();

    Cli.Result plain = Cli.verify(g, "--output", output);
    assertNotEquals(0, plain.code(), plain::toString);
    assertNoStackTrace(plain);
    assertEquals(1, plain.errLines().size(), plain::toString);
    assertContains(plain.errLines().get(0), "--stacktrace");

    Cli.Result traced = Cli.verify(g, "--output", output, "--stacktrace");
    assertEquals(plain.code(), traced.code(), traced::toString);
    assertContains(traced.err(), "Exception", "\tat ", "at dev.lockstep");
  }

  @Test
  void backtrackingPatternOnAHugeLineEndsAsACountFinding() throws IOException {
    Files.writeString(repo.resolve("xs.txt"), "x".repeat(200 * 1024) + "\n");
    Path g = graph(withPlace("{ file: xs.txt, regex: '(?<version>(x+x+)+y)' }"));
    Cli.Result r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> Cli.verify(g),
            "a linear-time engine must not hang on a backtracking pattern");
    assertExit(1, r);
    assertNoStackTrace(r);
    assertContains(r.out(), "locator.count", "matches 0 place");
    assertFalse(r.out().contains("locator.unparsable"), r::toString);
  }
}

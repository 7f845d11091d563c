package dev.lockstep.rewrite;

import static dev.lockstep.rewrite.Workspace.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dry-run} prints a unified diff as {@code git diff} shows it and writes nothing; a real
 * bump writes each changed file atomically, keeps its permissions, and leaves no temp file.
 */
class BumpDryRunTest {
  @TempDir Path dir;
  Workspace ws;

  @BeforeEach
  void setUp() {
    ws = new Workspace(dir);
  }

  private void assertDryRun(TestInfo test, String expectedDiff, String... args) {
    ws.age();
    Map<String, Workspace.FileState> before = ws.snapshot();
    Workspace.Run r = ws.bumpOk(args);
    assertEquals(visible(expectedDiff), visible(r.out()), "the diff");
    Golden.assertMatches(test, r.out());
    assertEquals(before, ws.snapshot(), "--dry-run wrote a file");
    assertEquals(List.of(), ws.leftovers());
  }

  @Test
  void dryRunPrintsTheChangedLineAndWritesNothing(TestInfo test) {
    ws.putFixture("values-comment.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: values-comment.yaml, yaml: .image.tag } ]
        """);
    assertDryRun(
        test,
        """
        --- a/values-comment.yaml
        +++ b/values-comment.yaml
        @@ -1,7 +1,7 @@
         # Values for the example chart.
         image:
           repository: ghcr.io/example/lib
        -  tag: 0.2.0   # pinned by lockstep; keep this comment
        +  tag: 0.3.0   # pinned by lockstep; keep this comment
           pullPolicy: IfNotPresent
        \s
         replicas: 2
        """,
        "lib",
        "0.3.0",
        "--dry-run");
    assertEquals(List.of("would change 1 file(s)"), ws.bump("lib", "0.3.0", "-n").errLines());
  }

  /**
   * The change is near the end of the file: the hunk stops at the file's last line, as git's does.
   */
  @Test
  void dryRunHunkEndsAtTheLastLine(TestInfo test) {
    ws.putFixture("install.sh");
    ws.graph(
        """
        - to: lib
          at: [ { file: install.sh, regex: '^LIB_VERSION="(?<version>[^"]+)"' } ]
        """);
    assertDryRun(
        test,
        """
        --- a/install.sh
        +++ b/install.sh
        @@ -1,5 +1,5 @@
         #!/usr/bin/env bash
         set -euo pipefail
         # golang.org/x/mod v0.2.0 is not ours: only the pinned line below moves
        -LIB_VERSION="0.2.0"
        +LIB_VERSION="0.3.0"
         helm install lib oci://ghcr.io/example/charts/lib --version "${LIB_VERSION}"
        """,
        "lib",
        "0.3.0",
        "--dry-run");
  }

  /**
   * A last line without a newline is marked as git marks it, so that applying the diff keeps it so.
   */
  @Test
  void dryRunMarksAMissingFinalNewline(TestInfo test) {
    ws.putFixture("no-newline.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: no-newline.yaml, yaml: .image.tag } ]
        """);
    assertDryRun(
        test,
        """
        --- a/no-newline.yaml
        +++ b/no-newline.yaml
        @@ -1,3 +1,3 @@
         image:
           repository: ghcr.io/example/lib
        -  tag: 0.2.0
        \\ No newline at end of file
        +  tag: 0.3.0
        \\ No newline at end of file
        """,
        "lib",
        "0.3.0",
        "--dry-run");
  }

  /** Two files, two far-apart changes in one of them: one diff per file, one hunk per change. */
  @Test
  void dryRunShowsEveryFileAndHunk(TestInfo test) {
    ws.putFixture("manifests.yaml");
    ws.putFixture("pins.json");
    ws.graph(
        """
        - to: lib
          at:
            - { file: manifests.yaml, yaml: .data.version, document: kind=ConfigMap }
            - { file: manifests.yaml, yaml: .data.version, document: kind=Secret }
            - { file: pins.json, json: /lib/version }
        """);
    assertDryRun(
        test,
        """
        --- a/manifests.yaml
        +++ b/manifests.yaml
        @@ -3,7 +3,7 @@
         metadata:
           name: pins
         data:
        -  version: 0.2.0
        +  version: 0.3.0
         ---
         apiVersion: batch/v1
         kind: Job
        @@ -17,4 +17,4 @@
         metadata:
           name: other
         data:
        -  version: 0.2.0
        +  version: 0.3.0
        --- a/pins.json
        +++ b/pins.json
        @@ -1,7 +1,7 @@
         {
           "cert_manager": { "version": "v1.14.0" },
           "lib": {
        -    "version": "0.2.0",
        +    "version": "0.3.0",
             "build": 123,
             "schema": 1
           }
        """,
        "lib",
        "0.3.0",
        "--dry-run");
  }

  @Test
  void bumpWritesOnlyChangedFilesAndLeavesNoTempFile() throws Exception {
    ws.putFixture("values-comment.yaml");
    ws.putFixture("pins.json");
    ws.putFixture("quoted.yaml");
    ws.graph(
        """
        - to: lib
          at:
            - { file: values-comment.yaml, yaml: .image.tag }
            - { file: pins.json, json: /lib/version }
        """);
    ws.age();
    Map<String, Workspace.FileState> before = ws.snapshot();
    Workspace.Run r = ws.bumpOk("lib", "0.3.0");
    assertEquals(List.of("changed 2 file(s)"), r.errLines());
    assertTrue(
        r.out().contains("+++ b/values-comment.yaml") && r.out().contains("+++ b/pins.json"),
        r::toString);
    Map<String, Workspace.FileState> after = ws.snapshot();
    assertEquals(before.keySet(), after.keySet(), "no file added or removed");
    assertNotEquals(before.get("repo/values-comment.yaml"), after.get("repo/values-comment.yaml"));
    assertNotEquals(before.get("repo/pins.json"), after.get("repo/pins.json"));
    assertEquals(
        before.get("repo/quoted.yaml"), after.get("repo/quoted.yaml"), "a file no place names");
    assertEquals(before.get("lockstep.yaml"), after.get("lockstep.yaml"), "the graph");
    assertEquals(List.of(), ws.leftovers());
    try (var files = Files.list(ws.repo)) {
      assertEquals(
          List.of("pins.json", "quoted.yaml", "values-comment.yaml"),
          files.map(p -> p.getFileName().toString()).sorted().toList(),
          "nothing else in the folder");
    }
  }

  @Test
  void bumpToTheVersionAlreadyWrittenWritesNothing() {
    ws.putFixture("values-comment.yaml");
    ws.graph(
        """
        - to: lib
          at: [ { file: values-comment.yaml, yaml: .image.tag } ]
        """);
    ws.age();
    Map<String, Workspace.FileState> before = ws.snapshot();
    Workspace.Run r = ws.bumpOk("lib", "0.2.0");
    assertEquals("", r.out());
    assertEquals(List.of("changed 0 file(s)"), r.errLines());
    assertEquals(before, ws.snapshot());
  }

  /**
   * A repo that is not checked out is said to be skipped (design, section 3), never silently left
   * at the old version; whether bump then goes on or refuses is the command's choice.
   */
  @Test
  void bumpNamesTheRepoItCouldNotRead() {
    ws.putFixture("values-comment.yaml");
    ws.rawGraph(
        """
        lockstep: 1
        repos:
          app: { path: repo }
          other: { path: not-checked-out }
        artifacts:
          lib:
            kind: image
            name: ghcr.io/example/lib
            external: { version: 0.2.0 }
          user:
            kind: file
            repo: app
            uses:
              - to: lib
                at: [ { file: values-comment.yaml, yaml: .image.tag } ]
          other-user:
            kind: file
            repo: other
            uses:
              - to: lib
                at: [ { file: values.yaml, yaml: .image.tag } ]
        """);
    Workspace.Run r = ws.bump("lib", "0.3.0");
    assertTrue(
        r.errLines().stream()
            .anyMatch(
                l ->
                    l.contains("other")
                        && (l.contains("not checked out") || l.contains("skipped"))),
        () -> "the skipped repo 'other' is not mentioned:\n" + r);
  }

  @Test
  void executableScriptStaysExecutable() throws Exception {
    ws.putFixture("install.sh");
    Path script = ws.repo.resolve("install.sh");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x--x"));
    ws.graph(
        """
        - to: lib
          at: [ { file: install.sh, regex: '^LIB_VERSION="(?<version>[^"]+)"' } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertTrue(ws.read("install.sh").contains("LIB_VERSION=\"0.3.0\""));
    assertEquals("rwxr-x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(script)));
  }

  @Test
  void privateFileStaysPrivate() throws Exception {
    ws.putFixture("values-comment.yaml");
    Path file = ws.repo.resolve("values-comment.yaml");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    ws.graph(
        """
        - to: lib
          at: [ { file: values-comment.yaml, yaml: .image.tag } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertTrue(ws.read("values-comment.yaml").contains("tag: 0.3.0"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  /** A symlinked file inside the repo: its target is rewritten and the link stays a link. */
  @Test
  void symlinkStaysALink() throws Exception {
    ws.put("charts/lib/values.yaml", Workspace.fixture("values-comment.yaml"));
    Path link = ws.repo.resolve("values.yaml");
    Files.createSymbolicLink(link, Path.of("charts/lib/values.yaml"));
    ws.graph(
        """
        - to: lib
          at: [ { file: values.yaml, yaml: .image.tag } ]
        """);
    ws.bumpOk("lib", "0.3.0");
    assertTrue(Files.isSymbolicLink(link), "the link was replaced by a file");
    assertTrue(ws.read("charts/lib/values.yaml").contains("tag: 0.3.0"));
    assertEquals(List.of(), ws.leftovers());
  }
}

package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.GitFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pull request can change the graph: ids are names before they become paths, and no repo, file or
 * symlink may reach outside the workspace or into {@code .git}. What such a graph points at is
 * never printed, in any format.
 */
@Tag("hostile")
class HostileGraphTest {
  private static final String SECRET = "SECRET-7f3a9c";
  private static final List<String> FORMATS = List.of("text", "json", "sarif", "github");

  @TempDir Path dir;
  private Path ws;
  private Path graph;
  private GitFixture app;

  @BeforeEach
  void workspace() throws IOException {
    ws = dir.resolve("ws");
    graph = ws.resolve("graph/lockstep.yaml");
    Files.createDirectories(graph.getParent());
    app = GitFixture.init(ws.resolve("app")).write("VERSION", "1.2.3\n").commit("app");
    // What actions/checkout leaves in .git/config, and a host file outside the workspace.
    Files.writeString(
        app.dir().resolve(".git/config"),
        "[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic " + SECRET + "\n",
        StandardOpenOption.APPEND);
    Path outside = Files.createDirectories(dir.resolve("secret"));
    Files.writeString(outside.resolve("shadow"), "root:" + SECRET + ":19000:0:99999:7:::\n");
  }

  private Cli.Result verify(String graphText, String format) throws IOException {
    Files.writeString(graph, graphText);
    return Cli.verify(graph, "--format", format);
  }

  private static String leak(String repos, String file) {
    return """
        lockstep: 1
        repos:
          %s
        artifacts:
          img: { kind: image, repo: h, name: ghcr.io/example/app }
          doc:
            kind: file
            repo: h
            uses:
              - to: img
                at: [ { file: %s, regex: '^(?<version>.*)$', all: true } ]
        """
        .formatted(repos, file);
  }

  private static void assertNoLeak(Cli.Result r) {
    assertFalse(r.out().contains(SECRET), () -> "the secret was printed:\n" + r);
    assertFalse(r.err().contains(SECRET), () -> "the secret was printed:\n" + r);
    Cli.assertNoStackTrace(r);
  }

  @Test
  void aRepoAtEtcIsRefusedAtLoadWithItsLine() throws IOException {
    Cli.Result r = verify(leak("h: { path: /etc }", "hostname"), "text");
    assertEquals(2, r.code(), r::toString);
    List<String> lines = r.errLines();
    assertEquals(1, lines.size(), r::toString);
    assertTrue(
        lines.get(0).matches(".*lockstep\\.yaml:3:\\d+: repos\\.h\\.path: .*; .*"), r::toString);
    assertTrue(lines.get(0).contains("outside"), r::toString);
  }

  @Test
  void theFileSystemRootIsNoRepo() throws IOException {
    Cli.Result r = verify(leak("h: { path: / }", "etc/hostname"), "text");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("repos.h.path"), r::toString);
  }

  @Test
  void aHostFileOutsideTheWorkspacePrintsNothingInAnyFormat() throws IOException {
    String abs = dir.resolve("secret").toString();
    for (String repos : List.of("h: { path: " + abs + " }", "h: { path: ../../secret }")) {
      for (String format : FORMATS) {
        Cli.Result r = verify(leak(repos, "shadow"), format);
        assertEquals(2, r.code(), () -> repos + " " + format + "\n" + r);
        assertNoLeak(r);
      }
    }
  }

  @Test
  void aSymlinkedRepoLeadingOutIsRefused() throws IOException {
    Files.createSymbolicLink(ws.resolve("link"), dir.resolve("secret"));
    Cli.Result r = verify(leak("h: { path: ../link }", "shadow"), "text");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("repos.h.path"), r::toString);
    assertNoLeak(r);
  }

  @Test
  void gitConfigIsRefusedEvenInsideTheRepoInAnyFormat() throws IOException {
    app.symlink("cfg", ".git/config").commit("link");
    for (String file : List.of(".git/config", "sub/../.git/config", "./.git/config", "cfg")) {
      for (String format : FORMATS) {
        Cli.Result r = verify(leak("h: { path: ../app }", file), format);
        assertEquals(2, r.code(), () -> file + " " + format + "\n" + r);
        assertTrue(
            (r.out() + r.err()).contains("locator.path-escape"), () -> file + "\n" + r.toString());
        assertNoLeak(r);
      }
    }
  }

  @Test
  void aRepoInsideDotGitIsRefused() throws IOException {
    Cli.Result r = verify(leak("h: { path: ../app/.git }", "config"), "text");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains(".git"), r::toString);
    assertNoLeak(r);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"../../..\"", "\"\"", "\"a/b\"", "\"..\"", "\"-x\"", "\"x.\""})
  void repoIdsAreNames(String id) throws IOException {
    Files.writeString(
        graph,
        """
        lockstep: 1
        repos:
          %s: { path: ../app }
        artifacts: {}
        """
            .formatted(id));
    Cli.Result r = Cli.verify(graph);
    assertEquals(2, r.code(), r::toString);
    List<String> lines = r.errLines();
    assertEquals(1, lines.size(), r::toString);
    assertTrue(lines.get(0).contains("lockstep.yaml:3:3: repos"), r::toString);
    assertTrue(lines.get(0).contains("is not a name"), r::toString);
    assertTrue(lines.get(0).contains("; rename it"), r::toString);
  }

  @Test
  void artifactIdsAreNames() throws IOException {
    Files.writeString(
        graph,
        """
        lockstep: 1
        repos:
          app: { path: ../app }
        artifacts:
          "../../../escaped": { kind: image, repo: app, name: ghcr.io/example/app }
        """);
    Cli.Result r = Cli.verify(graph);
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("lockstep.yaml:5:3: artifacts"), r::toString);
    assertTrue(r.err().contains("is not a name"), r::toString);
  }

  @Test
  void chartPathsAndLayerSourcesStayInTheRepo() throws IOException {
    Files.writeString(
        graph,
        """
        lockstep: 1
        repos:
          app: { path: ../app }
        artifacts:
          img:
            kind: image
            repo: app
            name: ghcr.io/example/app
            build: { layers: [ { from: ../../secret/shadow, to: /x } ] }
          c: { kind: chart, repo: app, path: .git }
        """);
    Cli.Result r = Cli.verify(graph);
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("layers[0].from: '../../secret/shadow' climbs out"), r::toString);
    assertTrue(r.err().contains("artifacts.c.path: '.git' lies inside .git"), r::toString);
  }

  @Test
  void theDemoLayoutAndASiblingCheckoutStillLoad() throws IOException {
    GitFixture.init(dir.resolve("other")).write("v", "1.0.0\n").commit("other");
    Cli.Result r =
        verify(
            """
            lockstep: 1
            repos:
              app: { path: ../app }
              other: { path: ../../other }
            artifacts: {}
            """,
            "text");
    assertEquals(0, r.code(), r::toString);
  }

  @Test
  void aRepoPathThatIsAFileIsAnError() throws IOException {
    Files.writeString(ws.resolve("afile"), "x\n");
    Cli.Result r = verify("lockstep: 1\nrepos:\n  h: { path: ../afile }\nartifacts: {}\n", "text");
    assertEquals(2, r.code(), r::toString);
    assertTrue(
        r.err().contains("repos.h.path: '../afile' is a file, not a repo's folder"), r::toString);
  }

  @Test
  void anOutputThatIsAFolderOrUnwritableIsOneLine() throws IOException {
    Files.writeString(graph, "lockstep: 1\nrepos:\n  app: { path: ../app }\nartifacts: {}\n");
    Cli.Result folder = Cli.verify(graph, "--output", dir.toString());
    assertEquals(2, folder.code(), folder::toString);
    assertEquals(1, folder.errLines().size(), folder::toString);
    assertTrue(folder.err().contains("is a folder"), folder::toString);
    Path file = Files.writeString(dir.resolve("plain"), "x");
    // Below a regular file: an I/O error (exit 1), still one line (VerifyBadInputTest).
    Cli.Result under = Cli.verify(graph, "--output", file.resolve("report.txt").toString());
    assertEquals(1, under.code(), under::toString);
    assertEquals(1, under.errLines().size(), under::toString);
    Cli.assertNoStackTrace(under);
  }
}

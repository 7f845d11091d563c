package dev.lockstep.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cli.Main;
import dev.lockstep.gitrepo.GitRepo;
import dev.lockstep.model.Version;
import dev.lockstep.model.VersionFormat;
import dev.lockstep.testing.KubestellarWorkspace.Fault;
import dev.lockstep.testing.KubestellarWorkspace.Planted;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The workspace agrees with the example graph at every declared place, and each planted fault
 * breaks exactly one kind of rule. The checks are lockstep's own {@code verify} (in-process, JSON
 * report): what a fault adds to the findings of the clean workspace is what it planted.
 */
@Order(3) // among the longest classes: start early
class KubestellarWorkspaceTest {

  /** The findings verify reports on the clean workspace: notes and warnings, no error. */
  private static final List<String> CLEAN_CODES =
      List.of("graph.reference-cycle", "artifact.disabled");

  @Test
  void everyDeclaredPlaceAgrees(@TempDir Path tmp) throws Exception {
    Path graph = KubestellarWorkspace.create(tmp);
    Verified clean = Verified.of(graph);
    assertEquals(0, clean.exit(), clean::toString);
    assertEquals(List.of(), clean.errors(), clean::toString);
    assertTrue(
        clean.findings().stream().allMatch(f -> CLEAN_CODES.contains(f.code())), clean::toString);
    for (String repo : KubestellarWorkspace.REPOS) {
      try (GitFixture git = GitFixture.open(tmp.resolve("ws").resolve(repo))) {
        assertTrue(git.isClean(), repo + " has uncommitted changes");
      }
    }
    assertEquals(Version.of("0.29.0"), latestTag(tmp.resolve("ws/kubestellar"), false));
    assertEquals(Version.of("0.29.0"), latestTag(tmp.resolve("ws/kubestellar"), true));
  }

  @Test
  void aCopyIsTheWorkspaceBuiltCommitByCommit(@TempDir Path built, @TempDir Path copied)
      throws Exception {
    KubestellarWorkspace.build(built);
    KubestellarWorkspace.create(copied);
    for (String repo : KubestellarWorkspace.REPOS) {
      try (GitFixture x = GitFixture.open(built.resolve("ws").resolve(repo));
          GitFixture y = GitFixture.open(copied.resolve("ws").resolve(repo))) {
        assertEquals(x.head().getId(), y.head().getId(), repo);
        assertEquals(
            tags(built.resolve("ws").resolve(repo)), tags(copied.resolve("ws").resolve(repo)));
        assertTrue(y.isClean(), repo + " copy has uncommitted changes");
      }
    }
    assertEquals(
        Verified.of(built.resolve(KubestellarWorkspace.GRAPH_FILE)).codes(),
        Verified.of(copied.resolve(KubestellarWorkspace.GRAPH_FILE)).codes());
  }

  @Test
  void historyHasTheReleasesTagged(@TempDir Path tmp) throws Exception {
    KubestellarWorkspace.create(tmp);
    assertEquals(Set.of("v0.28.0", "v0.29.0-rc.1", "v0.29.0"), tags(tmp.resolve("ws/kubestellar")));
    assertEquals(Set.of("v0.8.0", "v0.8.1"), tags(tmp.resolve("ws/kubeflex")));
    assertEquals(Set.of("v0.1.0", "v0.2.0"), tags(tmp.resolve("ws/ocm-status-addon")));
    assertEquals(Set.of("v0.1.11", "v0.1.12"), tags(tmp.resolve("ws/ocm-transport-plugin")));
    // HEAD of kubestellar is one commit past v0.29.0, whose mkdocs said the rc was not regular.
    try (Git git = Git.open(tmp.resolve("ws/kubestellar").toFile())) {
      Repository r = git.getRepository();
      assertFalse(r.resolve("HEAD").equals(r.resolve("v0.29.0^{commit}")));
      assertEquals(r.resolve("HEAD~1"), r.resolve("v0.29.0^{commit}"));
      String rcDocs = show(r, "v0.29.0-rc.1", "docs/mkdocs.yml");
      assertTrue(rcDocs.contains("ks_latest_release: '0.29.0-rc.1'"), rcDocs);
      assertTrue(rcDocs.contains("ks_latest_regular_release: '0.28.0'"), rcDocs);
    }
  }

  @Test
  void theSameCallsGiveTheSameCommits(@TempDir Path a, @TempDir Path b) throws Exception {
    KubestellarWorkspace.build(a);
    KubestellarWorkspace.create(b); // a copy of the same calls made in another folder, earlier
    for (String repo : KubestellarWorkspace.REPOS) {
      try (GitFixture x = GitFixture.open(a.resolve("ws").resolve(repo));
          GitFixture y = GitFixture.open(b.resolve("ws").resolve(repo))) {
        assertEquals(x.head().getId(), y.head().getId(), repo);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void eachFaultBreaksOneRule(Fault fault, @TempDir Path tmp) throws Exception {
    Path graph = KubestellarWorkspace.create(tmp);
    Path ws = KubestellarWorkspace.ws(graph);
    Planted planted = KubestellarWorkspace.plant(ws, fault);
    assertEquals(fault, planted.fault());

    List<Verified.Finding> problems = Verified.of(graph).added();
    assertFalse(problems.isEmpty(), fault + " planted nothing verify sees");
    String code = expectedCode(fault);
    for (Verified.Finding p : problems) {
      assertEquals(
          code, p.code(), fault + ": expected only " + code + " problems, got " + problems);
    }
    if (!planted.file().isEmpty()) {
      assertTrue(
          problems.stream().anyMatch(p -> p.names(planted.file())),
          problems + " name " + planted.file());
    }
    if (fault == Fault.REPO_NOT_CHECKED_OUT) {
      assertFalse(Files.exists(ws.resolve("ocm-transport-plugin")));
      return;
    }
    try (GitFixture git = GitFixture.open(ws.resolve(fault.repo()))) {
      assertTrue(git.isClean(), fault + " left uncommitted changes");
      assertTrue(git.head().getFullMessage().length() > 0);
      boolean tracked = tracked(git.git().getRepository(), fault.file());
      assertEquals(fault != Fault.FILE_MISSING, tracked, fault.file() + " tracked");
    }
    if (planted.line() > 0) {
      String line =
          Files.readAllLines(
                  ws.resolve(fault.repo()).resolve(planted.file()), StandardCharsets.UTF_8)
              .get(planted.line() - 1);
      assertTrue(
          line.contains(planted.text()),
          "line " + planted.line() + " of " + planted.file() + ": " + line);
    }
  }

  @Test
  void faultsCombine(@TempDir Path tmp) throws Exception {
    Path graph = KubestellarWorkspace.create(tmp);
    KubestellarWorkspace.plant(graph, Fault.DISAGREEMENT);
    KubestellarWorkspace.plant(graph, Fault.FLOATING);
    KubestellarWorkspace.plant(graph, Fault.UNDECLARED_CHART);
    Set<String> codes = new TreeSet<>();
    Verified.of(graph).added().forEach(p -> codes.add(p.code()));
    assertEquals(
        new TreeSet<>(List.of("disagreement", "value.floating", "undeclared.chart")), codes);
  }

  private static String expectedCode(Fault fault) {
    switch (fault) {
      case DISAGREEMENT:
        return "disagreement";
      case FLOATING:
        return "value.floating";
      case NOT_A_VERSION:
        return "value.not-a-version";
      case WRONG_FORMAT:
        return "value.format";
      case PLACEHOLDER_CHANGED:
        return "placeholder.mismatch";
      case SELF_REFERENCE_STALE:
        return "self-reference.stale";
      case EXTERNAL_PIN_MISMATCH:
        return "external.pin-mismatch";
      case UNDECLARED_IMAGE:
        return "undeclared.image";
      case UNDECLARED_CHART:
        return "undeclared.chart";
      case COUNT_MISMATCH:
        return "locator.count";
      case FILE_MISSING:
        return "locator.file-missing";
      case SYMLINK_ESCAPE:
        return "locator.path-escape";
      case BINARY_FILE:
        return "locator.binary";
      case REPO_NOT_CHECKED_OUT:
        return "repo.not-checked-out";
      default:
        throw new IllegalArgumentException(fault.name());
    }
  }

  /** What {@code lockstep verify --format json} reported. */
  private record Verified(int exit, List<Finding> findings, String report) {
    /** One finding: its rule code, severity, message and the files of its locations. */
    record Finding(String code, String severity, String message, List<String> files) {
      boolean names(String repoRelativeFile) {
        return files.stream().anyMatch(f -> f.endsWith("/" + repoRelativeFile))
            || message.contains(repoRelativeFile);
      }
    }

    static Verified of(Path graph) throws IOException {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit =
          Main.run(
              new String[] {"verify", "--graph", graph.toString(), "--format", "json"},
              new PrintWriter(out, true),
              new PrintWriter(err, true));
      assertTrue(exit == 0 || exit == 1 || exit == 2, "exit " + exit + ": " + err);
      JsonNode root = new ObjectMapper().readTree(out.toString());
      List<Finding> findings = new ArrayList<>();
      for (JsonNode f : root.path("findings")) {
        List<String> files = new ArrayList<>();
        f.path("locations").forEach(l -> files.add(l.path("file").asText()));
        findings.add(
            new Finding(
                f.path("code").asText(),
                f.path("severity").asText(),
                f.path("message").asText(),
                files));
      }
      return new Verified(exit, findings, root.toPrettyString());
    }

    List<String> codes() {
      return findings.stream().map(Finding::code).toList();
    }

    List<Finding> errors() {
      return findings.stream().filter(f -> f.severity().equals("error")).toList();
    }

    /** The findings the clean workspace does not have. */
    List<Finding> added() {
      return findings.stream().filter(f -> !CLEAN_CODES.contains(f.code())).toList();
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n" + report;
    }
  }

  /** The release verify compares self-references with: the highest tag reachable from HEAD. */
  private static Version latestTag(Path root, boolean regularOnly) throws IOException {
    try (GitRepo git = GitRepo.open(root).orElseThrow()) {
      return git.currentRelease(VersionFormat.of("v{version}"), regularOnly)
          .orElseThrow()
          .version();
    }
  }

  private static Set<String> tags(Path repo) throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      Set<String> out = new TreeSet<>();
      for (Ref r : git.tagList().call()) {
        out.add(Repository.shortenRefName(r.getName()));
        assertTrue(
            git.getRepository().getRefDatabase().peel(r).getPeeledObjectId() != null,
            r + " is annotated");
      }
      return out;
    }
  }

  private static String show(Repository r, String rev, String path) throws IOException {
    try (RevWalk walk = new RevWalk(r)) {
      RevCommit c = walk.parseCommit(r.resolve(rev));
      try (TreeWalk tw = TreeWalk.forPath(r, path, c.getTree())) {
        return new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  private static boolean tracked(Repository r, String path) throws IOException {
    try (RevWalk walk = new RevWalk(r)) {
      RevCommit head = walk.parseCommit(r.resolve("HEAD"));
      try (TreeWalk tw = TreeWalk.forPath(r, path, head.getTree())) {
        return tw != null;
      }
    }
  }
}

package dev.lockstep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.GitFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code lockstep train --changed --next RULE} on the four-repo system: only the repos with commits
 * since their last release on their line are in the train, each at the next version by the rule;
 * the others are left out and the train says so. A repo on a pre-release line moves along it.
 */
class TrainChangedTest {
  @TempDir static Path shared;

  /** kubeflex and addon have a commit since their release; transport and core have none. */
  static TrainWorkspace ws;

  /** Only transport has a commit since its release (v0.1.0). */
  static TrainWorkspace regular;

  /** Only transport has commits: v0.2.0-rc.1 on one of them, then one more. */
  static TrainWorkspace rc;

  @BeforeAll
  static void workspaces() throws Exception {
    ws = TrainWorkspace.create(shared.resolve("ws"));
    change(ws, "kubeflex", "fix: a typo");
    change(ws, "addon", "feat: a flag");
    regular = TrainWorkspace.create(shared.resolve("regular"));
    change(regular, "transport", "feat: a transport option");
    rc = TrainWorkspace.create(shared.resolve("rc"));
    change(rc, "transport", "feat: a transport option");
    try (GitFixture t = GitFixture.open(rc.dir().resolve("transport"))) {
      t.tag("v0.2.0-rc.1");
    }
    change(rc, "transport", "fix: the option's default");
  }

  /** A commit on main that touches no place of the graph. */
  static void change(TrainWorkspace w, String repo, String message) throws Exception {
    try (GitFixture g = GitFixture.open(w.dir().resolve(repo))) {
      String notes = g.dir().resolve("NOTES.md").toFile().exists() ? g.read("NOTES.md") : "";
      g.write("NOTES.md", notes + message + "\n").commit(message);
    }
  }

  static String[] args(TrainWorkspace w, String... head) {
    List<String> all = new java.util.ArrayList<>(List.of(head));
    all.addAll(List.of("--output", w.out().toString(), "--cache", w.cache().toString()));
    return all.toArray(String[]::new);
  }

  @ParameterizedTest(name = "--next {0}")
  @CsvSource({
    "patch,      kubeflex=0.8.1 addon=0.2.1",
    "minor,      kubeflex=0.9.0 addon=0.3.0",
    "major,      kubeflex=1.0.0 addon=1.0.0"
  })
  void onlyChangedReposAreInTheTrainAtTheirNextVersions(String rule, String train) {
    var refs = TrainWorkspaceRefs.of(ws);
    TrainWorkspace.CliResult r =
        ws.cli(args(ws, "train", "--changed", "--next", rule, "--format", "github-matrix"));
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("{\"train\":\"" + train + "\","), r::toString);
    assertTrue(r.err().contains("train: left out transport: no commits since v0.1.0"), r::toString);
    assertTrue(r.err().contains("train: left out core: no commits since v0.29.0"), r::toString);
    assertFalse(r.err().contains("left out kubeflex"), r::toString);
    assertFalse(r.err().contains("left out addon"), r::toString);
    TrainWorkspace.CliResult dry = ws.cli(args(ws, "train", "--changed", "--next", rule, "-n"));
    assertEquals(0, dry.code(), dry::toString);
    assertTrue(dry.out().contains("train of 2 repo(s) in 2 stage(s): " + train), dry::toString);
    assertFalse(dry.out().contains("=== stage 1/2: transport"), dry::toString);
    assertEquals(refs, TrainWorkspaceRefs.of(ws));
  }

  @ParameterizedTest(name = "--next {0} after {1}")
  @CsvSource({
    "prerelease, v0.1.0,      0.1.1-rc.1",
    "prerelease, v0.2.0-rc.1, 0.2.0-rc.2",
    "patch,      v0.2.0-rc.1, 0.2.0"
  })
  void preReleasesStartAndMoveAlongTheirLine(String rule, String last, String version) {
    TrainWorkspace w = last.equals("v0.1.0") ? regular : rc;
    TrainWorkspace.CliResult r =
        w.cli(args(w, "train", "--changed", "--next", rule, "--format", "github-matrix"));
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("{\"train\":\"transport=" + version + "\","), r::toString);
    assertTrue(r.err().contains("train: left out kubeflex: no commits since v0.8.0"), r::toString);
  }

  @Test
  void aChangedTrainReleasesOnlyTheChangedReposThenHasNothingLeft() throws Exception {
    TrainWorkspace w = TrainWorkspace.create(shared.resolve("release"));
    change(w, "kubeflex", "fix: a typo");
    change(w, "addon", "feat: a flag");
    var transportRefs = w.remoteRefs("transport");
    var coreRefs = w.remoteRefs("core");
    TrainWorkspace.CliResult r = w.cli(args(w, "train", "--changed", "--next", "minor"));
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("released kubeflex 0.9.0: tag v0.9.0"), r::toString);
    assertTrue(r.out().contains("released addon 0.3.0: tag v0.3.0"), r::toString);
    assertTrue(r.err().contains("train: left out core: no commits since v0.29.0"), r::toString);
    // addon's release commit carries kubeflex's new version; the left-out repos are untouched
    assertTrue(
        w.fileAt("addon", "v0.3.0", "docs/install.md").contains("needs KubeFlex v0.9.0"),
        r::toString);
    var local = w.allLocalRefs();
    assertFalse(local.keySet().stream().anyMatch(k -> k.startsWith("transport:refs/tags/v0.2")));
    assertFalse(local.keySet().stream().anyMatch(k -> k.startsWith("core:refs/tags/v0.30")));
    assertEquals(transportRefs, w.remoteRefs("transport"));
    assertEquals(coreRefs, w.remoteRefs("core"));
    // the release commits are the last releases of their lines now: nothing has changed since
    TrainWorkspace.CliResult again = w.cli(args(w, "train", "--changed", "--next", "minor"));
    assertEquals(2, again.code(), again::toString);
    assertTrue(
        again.err().contains("no repo has commits since its last release; nothing to train"),
        again::toString);
    assertTrue(again.err().contains("kubeflex: no commits since v0.9.0"), again::toString);
  }

  @Test
  void aChangedTrainThatStoppedPartWayIsResumedWithItsVersions() throws Exception {
    TrainWorkspace w = TrainWorkspace.create(shared.resolve("resume"));
    change(w, "kubeflex", "fix: a typo");
    change(w, "addon", "feat: a flag");
    // the train stops between its two repos (as a killed process would)
    var versions = TrainPlanner.changed(w.graph(), TrainPlanner.Next.MINOR).nonEmpty();
    TrainRunner.Listener stopBeforeAddon =
        new TrainRunner.Listener() {
          @Override
          public void started(
              dev.lockstep.model.ArtifactId repo, dev.lockstep.model.Version v, int s, int n) {
            if (repo.value().equals("addon")) {
              throw new IllegalStateException("stopped before addon");
            }
          }
        };
    var options =
        new dev.lockstep.release.ReleaseOptions(
            w.out(), java.util.Optional.empty(), java.util.Set.of(), w.cache());
    IllegalStateException stopped =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () ->
                new TrainRunner(
                        new dev.lockstep.release.Releaser(),
                        dev.lockstep.release.ReleaseListener.NONE,
                        stopBeforeAddon)
                    .run(w.graph(), versions, options, java.util.Optional.empty()));
    assertEquals("stopped before addon", stopped.getMessage());
    assertTrue(w.allLocalRefs().containsKey("kubeflex:refs/tags/v0.9.0"));

    // kubeflex has no commits since v0.9.0 now, yet the train it belongs to is resumed as it was
    TrainWorkspace.CliResult again = w.cli(args(w, "train", "--changed", "--next", "minor"));
    assertEquals(0, again.code(), again::toString);
    assertTrue(
        again.err().contains("train: resuming the unfinished train kubeflex=0.9.0 addon=0.3.0"),
        again::toString);
    assertTrue(again.err().contains("train: kubeflex: skipped, released before"), again::toString);
    assertTrue(again.out().contains("released addon 0.3.0: tag v0.3.0"), again::toString);
    // addon's release commit carries kubeflex's new version, as in a train that never stopped
    assertTrue(
        w.fileAt("addon", "v0.3.0", "docs/install.md").contains("needs KubeFlex v0.9.0"),
        again::toString);
    TrainWorkspace.CliResult done = w.cli(args(w, "train", "--changed", "--next", "minor"));
    assertEquals(2, done.code(), done::toString);
  }

  /** Every local ref of the workspace: a dry run or a matrix changes none. */
  record TrainWorkspaceRefs(java.util.Map<String, org.eclipse.jgit.lib.ObjectId> refs) {
    static TrainWorkspaceRefs of(TrainWorkspace w) {
      try {
        return new TrainWorkspaceRefs(w.allLocalRefs());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}

package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.model.BadInputException;
import dev.lockstep.plan.Action;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.PlanPrinter;
import dev.lockstep.verify.Verifier;
import dev.lockstep.verify.VerifyReport;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release continues the line HEAD is on: with v2.0.0-alpha.1 tagged on main, a checkout of
 * release-1.0 plans and releases v1.0.1, cut from release-1.0, whose after-release branch goes off
 * release-1.0 and leaves main alone.
 */
class MaintenanceReleaseTest {
  @TempDir Path tmp;

  private static ReleaseWorkspace twoLines(Path dir) throws Exception {
    ReleaseWorkspace ws = ReleaseWorkspace.create(dir);
    ws.repo().git().branchCreate().setName("release-1.0").call();
    // the 2.0 line's tag sits on the commit right after the one release-1.0 was cut from
    ws.repo()
        .replace("README.md", "install app v1.0.0", "install app v2.0.0-alpha.1")
        .commit("app 2.0 development")
        .tag("v2.0.0-alpha.1");
    ws.repo().git().checkout().setName("release-1.0").call();
    return ws;
  }

  @Test
  void aMaintenanceReleasePlansOnItsLineAndReleasesOffItsBranch() throws Exception {
    try (ReleaseWorkspace ws = twoLines(tmp.resolve("ws"))) {
      ObjectId main = ws.git().resolve("refs/heads/main");
      ObjectId line = ws.git().resolve("refs/heads/release-1.0");

      // verify reads the same current release as plan: v1.0.0 on this line
      VerifyReport report = Verifier.verify(ws.graph());
      assertEquals(
          0, report.count(dev.lockstep.survey.Severity.ERROR), report.findings().toString());

      Plan plan = ws.plan("1.0.1");
      assertEquals("1.0.0", plan.previous().orElseThrow().toString());
      assertTrue(plan.line().contains("the line of v1.0.0"), plan.line());
      assertTrue(plan.line().contains("from branch release-1.0"), plan.line());
      assertTrue(plan.line().contains("v2.0.0-alpha.1 is newer, on another line"), plan.line());
      assertTrue(PlanPrinter.text(plan).contains(plan.line()));
      assertEquals("release-1.0", plan.actions(Action.ReleaseCommit.class).get(0).base());

      new Releaser().run(plan, ws.graph(), ws.embedded(), new RecordingListener());

      try (RevWalk walk = new RevWalk(ws.git())) {
        ObjectId release = ws.commitOf("refs/tags/v1.0.1").orElseThrow();
        assertEquals(line, walk.parseCommit(release).getParent(0));
        ObjectId after = ws.git().resolve("refs/heads/lockstep/after-v1.0.1");
        assertEquals(line, walk.parseCommit(after).getParent(0), "after-release off release-1.0");
      }
      assertTrue(ws.fileAt("lockstep/after-v1.0.1", "README.md").contains("install app v1.0.1"));
      assertEquals(main, ws.git().resolve("refs/heads/main"), "main is not touched");
      assertTrue(ws.fileAt("main", "README.md").contains("v2.0.0-alpha.1"));
    }
  }

  @Test
  void aVersionNotNewerThanTheLine_orAnExistingTag_isRefused() throws Exception {
    try (ReleaseWorkspace ws = twoLines(tmp.resolve("ws"))) {
      BadInputException older = assertThrows(BadInputException.class, () -> ws.plan("0.9.0"));
      assertTrue(
          older.getMessage().contains("not newer than 1.0.0 (tag v1.0.0)"), older.getMessage());
      BadInputException taken =
          assertThrows(BadInputException.class, () -> ws.plan("2.0.0-alpha.1"));
      assertTrue(
          taken.getMessage().contains("tag v2.0.0-alpha.1 of app already exists"),
          taken.getMessage());
    }
  }

  @Test
  void onMainTheNewestReleaseIsTheLine() throws Exception {
    try (ReleaseWorkspace ws = twoLines(tmp.resolve("ws"))) {
      ws.repo().git().checkout().setName("main").call();
      BadInputException e = assertThrows(BadInputException.class, () -> ws.plan("1.0.1"));
      assertTrue(e.getMessage().contains("not newer than 2.0.0-alpha.1"), e.getMessage());
      Plan plan = ws.plan("2.0.0");
      assertEquals("main", plan.actions(Action.ReleaseCommit.class).get(0).base());
      assertTrue(plan.line().contains("the line of v2.0.0-alpha.1"), plan.line());
    }
  }
}

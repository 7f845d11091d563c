package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.model.ImageBuild;
import dev.lockstep.plan.Action;
import dev.lockstep.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each refusal or early failure leaves no tag, no branch and no published file, with one line
 * saying why.
 */
class EmbeddedRefusalTest {
  @TempDir Path tmp;

  ReleaseWorkspace ws;
  Map<String, ObjectId> localBefore;
  Map<String, ObjectId> remoteBefore;

  @BeforeEach
  void workspace() throws Exception {
    ws = ReleaseWorkspace.create(tmp.resolve("ws"));
    localBefore = ws.localRefs();
    remoteBefore = ws.remoteRefs();
  }

  @Test
  void dirtyWorkTreeIsRefusedNamingTheFiles() throws Exception {
    Plan plan = ws.plan("1.1.0");
    ws.repo().write("README.md", ReleaseWorkspace.README + "more\n").write("notes.txt", "todo\n");

    DirtyWorkTreeException e = assertThrows(DirtyWorkTreeException.class, () -> release(plan));

    assertEquals(
        "the work tree of app is not clean (M README.md, ?? notes.txt); commit or stash the changes,"
            + " then re-run; nothing was changed",
        e.getMessage());
    assertTrue(e.isRefusal());
    assertNothingPublished();
  }

  @Test
  void localTagAtAnotherCommitIsRefused() throws Exception {
    Plan plan = ws.plan("1.1.0");
    ws.repo().tag("v1.1.0");
    localBefore = ws.localRefs();

    RefConflictException e = assertThrows(RefConflictException.class, () -> release(plan));

    assertTrue(
        e.getMessage()
            .startsWith(
                "tag v1.1.0 already exists at "
                    + ws.repo().head().abbreviate(10).name()
                    + ", not at the release commit "),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith("tags are never moved: release another version; nothing was changed"));
    assertNothingPublished();
  }

  @Test
  void remoteTagAtAnotherCommitIsRefused() throws Exception {
    Plan plan = ws.plan("1.1.0");
    ws.repo().tag("v1.1.0");
    ws.repo()
        .git()
        .push()
        .setRemote("origin")
        .setRefSpecs(new RefSpec("refs/tags/v1.1.0:refs/tags/v1.1.0"))
        .call();
    RefUpdate delete = ws.git().updateRef("refs/tags/v1.1.0");
    delete.setForceUpdate(true);
    delete.delete();
    remoteBefore = ws.remoteRefs();

    RefConflictException e = assertThrows(RefConflictException.class, () -> release(plan));

    assertTrue(
        e.getMessage()
            .startsWith(
                "tag v1.1.0 already exists on origin at " + ws.repo().head().abbreviate(10).name()),
        e.getMessage());
    assertNothingPublished();
  }

  @Test
  void outputFileWithOtherContentIsRefusedBeforeAnythingIsPublished() throws Exception {
    Plan plan = ws.plan("1.1.0");
    Path chart = ws.out().resolve("charts/app-chart-1.1.0.tgz");
    Files.createDirectories(chart.getParent());
    Files.writeString(chart, "someone else's chart");

    ContentConflictException e = assertThrows(ContentConflictException.class, () -> release(plan));

    assertEquals(
        "chart file "
            + chart
            + " already exists with other content; versions are immutable: move it away"
            + " or release another version; nothing was published",
        e.getMessage());
    assertEquals("someone else's chart", Files.readString(chart));
    assertFalse(Files.exists(ws.out().resolve("images")), "no image published");
    assertRefsUnchanged();
  }

  @Test
  void failingPrepareCommandStopsTheReleaseNamingTheCommand() throws Exception {
    Plan plan =
        withPrepare(ws.plan("1.1.0"), "worker-image", List.of("sh", "-c", "echo boom; exit 3"));
    RecordingListener events = new RecordingListener();

    PrepareFailedException e =
        assertThrows(
            PrepareFailedException.class,
            () -> new Releaser().run(plan, ws.graph(), ws.embedded(), events));

    assertEquals(
        "the prepare command `sh -c echo boom; exit 3` of image worker-image exited with 3 (its output is"
            + " above); fix it; nothing was published; re-run lockstep release to resume",
        e.getMessage());
    assertFalse(e.isRefusal());
    assertTrue(
        events.events().contains("output prepare sh -c echo boom; exit 3: boom"),
        events.toString());
    assertNothingPublished();
  }

  @Test
  void planMadeBeforeMainMovedIsRefused() throws Exception {
    Plan plan = ws.plan("1.1.0");
    ws.repo()
        .replace("README.md", "run the installer", "run the new installer")
        .commit("Reword the README");
    localBefore = ws.localRefs();

    PlanMismatchException e = assertThrows(PlanMismatchException.class, () -> release(plan));

    assertEquals(
        "README.md in git differs from the text the plan rewrites; plan the release again;"
            + " nothing was published",
        e.getMessage());
    assertNothingPublished();
  }

  @Test
  void unreachableRemoteOnlySkipsTheRemoteCheckOfTheEmbeddedDefault() throws Exception {
    var config = ws.git().getConfig();
    config.setString(
        "remote", "origin", "url", tmp.resolve("no-such-remote.git").toUri().toString());
    config.save();
    RecordingListener events = new RecordingListener();

    ReleaseResult result = new Releaser().run(ws.plan("1.1.0"), ws.graph(), ws.embedded(), events);

    assertFalse(result.pushed());
    assertTrue(
        events.events().stream()
            .anyMatch(
                e ->
                    e.startsWith("skipped preflight remote origin")
                        && e.contains("not reachable, its tags were not checked")),
        events.toString());
    assertEquals(
        ObjectId.fromString(result.commit()), ws.commitOf("refs/tags/v1.1.0").orElseThrow());
  }

  private ReleaseResult release(Plan plan) throws InterruptedException {
    return new Releaser().run(plan, ws.graph(), ws.embedded(), ReleaseListener.NONE);
  }

  private void assertNothingPublished() throws Exception {
    assertFalse(Files.exists(ws.out()), "nothing written to the output folder");
    assertRefsUnchanged();
  }

  private void assertRefsUnchanged() throws Exception {
    assertEquals(localBefore, ws.localRefs());
    assertEquals(remoteBefore, ws.remoteRefs());
  }

  /** The plan with one image's prepare command replaced. */
  static Plan withPrepare(Plan plan, String artifact, List<String> prepare) {
    List<Action> actions = new ArrayList<>();
    for (Action a : plan.actions()) {
      if (a instanceof Action.BuildImage b && b.artifact().value().equals(artifact)) {
        ImageBuild r = b.recipe();
        actions.add(
            new Action.BuildImage(
                b.artifact(),
                b.reference(),
                new ImageBuild(
                    prepare,
                    r.from(),
                    r.layers(),
                    r.entrypoint(),
                    r.env(),
                    r.labels(),
                    r.workdir(),
                    r.user()),
                b.labels()));
      } else {
        actions.add(a);
      }
    }
    return new Plan(
        plan.repo(), plan.version(), plan.tag(), plan.releaseBranch(), plan.previous(), actions);
  }
}

package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.exec.ProgressListener;
import dev.lockstep.exec.image.ImageBuilder;
import dev.lockstep.exec.image.ImageRecipe;
import dev.lockstep.exec.image.ImageTarget;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.oci.Credentials;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.plan.Action;
import dev.lockstep.plan.Plan;
import dev.lockstep.testing.LocalRegistry;
import dev.lockstep.testing.Skopeo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** Credentials, images built by another tool, and a crash between the push and the local refs. */
@ResourceLock(Resources.SYSTEM_PROPERTIES) // jib's sendCredentialsOverHttp, switched on for a build
class RegistryEdgeCasesTest {
  @TempDir Path tmp;

  @Test
  void releasesWithCredentialsAndRefusesWrongOnesWithoutPrintingThem() throws Exception {
    try (LocalRegistry registry =
            LocalRegistry.startWithAuth(tmp.resolve("registry"), "alice", "s3cret-pw");
        ReleaseWorkspace ws = ReleaseWorkspace.create(tmp.resolve("ws"))) {
      Map<String, ObjectId> local = ws.localRefs();
      RegistryAccessException e =
          assertThrows(
              RegistryAccessException.class,
              () ->
                  new Releaser(RegistryCredentials.of(new Credentials("alice", "wrong-pw")))
                      .run(
                          ws.plan("1.1.0"),
                          ws.graph(),
                          ws.registry(registry.host()),
                          ReleaseListener.NONE));
      assertEquals(
          "authentication failed for "
              + registry.host()
              + ": check LOCKSTEP_REGISTRY_USERNAME/PASSWORD or docker login; nothing was changed",
          e.getMessage());
      assertTrue(e.isRefusal());
      assertFalse(e.getMessage().contains("wrong-pw"));
      assertEquals(local, ws.localRefs());

      ReleaseResult result =
          new Releaser(RegistryCredentials.of(new Credentials("alice", "s3cret-pw")))
              .run(
                  ws.plan("1.1.0"), ws.graph(), ws.registry(registry.host()), ReleaseListener.NONE);
      assertEquals(
          result.manifest().artifact("web-image").orElseThrow().digest(),
          Skopeo.manifestDigest(registry.host() + "/example/app/web:1.1.0", "alice", "s3cret-pw"));
      assertTrue(
          Skopeo.manifestDigest(
                  registry.host() + "/example/app/app-chart:1.1.0", "alice", "s3cret-pw")
              .startsWith("sha256:"));
    }
  }

  @Test
  void imageBuiltElsewhereMustExistAndNameTheReleaseCommit() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"));
        ReleaseWorkspace ws = ReleaseWorkspace.create(tmp.resolve("ws"))) {
      Plan plan = withCheckImage(ws.plan("1.1.0"), "cli-image", "ghcr.io/example/app/cli:1.1.0");
      String cli = registry.host() + "/example/app/cli:1.1.0";

      ImageMissingException missing =
          assertThrows(
              ImageMissingException.class,
              () ->
                  new Releaser()
                      .run(plan, ws.graph(), ws.registry(registry.host()), ReleaseListener.NONE));
      assertEquals(
          "image "
              + cli
              + " (cli-image, built elsewhere) does not exist; build and push it first: the"
              + " release's charts and files name it; nothing was changed",
          missing.getMessage());

      push(
          cli,
          Map.of("org.opencontainers.image.revision", "0123456789012345678901234567890123456789"));
      ImageMissingException stale =
          assertThrows(
              ImageMissingException.class,
              () ->
                  new Releaser()
                      .run(plan, ws.graph(), ws.registry(registry.host()), ReleaseListener.NONE));
      assertTrue(
          stale
              .getMessage()
              .startsWith("image " + cli + " (cli-image) is labelled with revision 0123456789"),
          stale.getMessage());
      assertEquals(
          List.of(), ws.localRefs().keySet().stream().filter(r -> r.contains("1.1.0")).toList());

      push(cli, Map.of()); // no revision label: nothing to contradict the release commit
      ReleaseResult result =
          new Releaser().run(plan, ws.graph(), ws.registry(registry.host()), ReleaseListener.NONE);
      ReleaseManifest.Artifact checked = result.manifest().artifact("cli-image").orElseThrow();
      assertEquals(cli, checked.reference());
      assertEquals(Skopeo.manifestDigest(cli), checked.digest());
    }
  }

  /**
   * Fault: lockstep dies right after the atomic push, before it creates the local refs (simulated
   * by deleting them). The re-run finds the remote refs at the release commit, pushes nothing and
   * recreates the same local refs.
   */
  @Test
  void faultLocalRefsLostAfterThePushAreRecreatedByTheRerun() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"));
        ReleaseWorkspace ws = ReleaseWorkspace.create(tmp.resolve("ws"))) {
      Plan plan = ws.plan("1.1.0");
      new Releaser().run(plan, ws.graph(), ws.registry(registry.host()), ReleaseListener.NONE);
      Map<String, ObjectId> released = ws.localRefs();
      for (String ref : List.of("refs/tags/v1.1.0", "refs/heads/release-1.1.0")) {
        RefUpdate delete = ws.git().updateRef(ref);
        delete.setForceUpdate(true);
        assertEquals(RefUpdate.Result.FORCED, delete.delete());
      }
      Map<String, ObjectId> remote = ws.remoteRefs();

      RecordingListener events = new RecordingListener();
      new Releaser().run(plan, ws.graph(), ws.registry(registry.host()), events);

      assertEquals(released, ws.localRefs());
      assertEquals(remote, ws.remoteRefs());
      assertTrue(
          events.events().stream().anyMatch(e -> e.startsWith("skipped push v1.1.0")),
          events.toString());
      assertTrue(
          events.events().stream().anyMatch(e -> e.startsWith("finished tag v1.1.0")),
          events.toString());
    }
  }

  private void push(String reference, Map<String, String> labels) throws Exception {
    Path src = Files.createDirectories(tmp.resolve("cli-src"));
    Files.writeString(src.resolve("cli"), "#!/bin/sh\necho cli\n");
    new ImageBuilder(RegistryCredentials.none())
        .build(
            new ImageRecipe(
                Optional.empty(),
                List.of(new ImageRecipe.Layer("cli", "/cli")),
                List.of(),
                Map.of(),
                labels,
                Optional.empty(),
                Optional.empty()),
            src,
            ImageTarget.registry(reference, true),
            tmp.resolve("jib"),
            ProgressListener.NONE);
  }

  /**
   * The plan with one more image of ours that another tool builds, checked before anything is
   * published.
   */
  static Plan withCheckImage(Plan plan, String artifact, String reference) {
    List<Action> actions = new ArrayList<>();
    for (Action a : plan.actions()) {
      if (a instanceof Action.PackageChart
          && actions.stream().noneMatch(Action.CheckImage.class::isInstance)) {
        actions.add(new Action.CheckImage(ArtifactId.of(artifact), reference));
      }
      actions.add(a);
    }
    return new Plan(
        plan.repo(), plan.version(), plan.tag(), plan.releaseBranch(), plan.previous(), actions);
  }
}

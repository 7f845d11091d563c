package dev.lockstep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.model.ArtifactId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code lockstep train} on the embedded default releases the four-repo system in order, each
 * downstream release commit naming its upstreams' new versions (the addon image by digest), the
 * release commits verify as a system, and a re-run changes nothing.
 */
class TrainReleaseTest {
  @TempDir static Path shared;
  static TrainWorkspace ws;
  static TrainWorkspace.CliResult first;

  @BeforeAll
  static void train() throws Exception {
    ws = TrainWorkspace.create(shared.resolve("ws"));
    first = ws.cli(args(ws, "train"));
  }

  static String[] args(TrainWorkspace w, String... head) {
    List<String> all = new java.util.ArrayList<>(List.of(head));
    all.addAll(List.of(TrainPlanTest.TRAIN));
    all.addAll(List.of("--output", w.out().toString(), "--cache", w.cache().toString()));
    return all.toArray(String[]::new);
  }

  @Test
  void releasesEveryRepoInOrder() {
    assertEquals(0, first.code(), first::toString);
    String err = first.err();
    int kubeflex = err.indexOf("train: released kubeflex");
    int transport = err.indexOf("train: released transport");
    int addon = err.indexOf("train: released addon");
    int core = err.indexOf("train: released core");
    assertTrue(kubeflex >= 0 && transport > kubeflex && addon > transport && core > addon, err);
    assertTrue(err.indexOf("train: checked verify of the system") < kubeflex, err);
  }

  @Test
  void downstreamReleaseCommitsNameTheirUpstreamsNewVersions() throws Exception {
    assertEquals(0, first.code(), first::toString);
    String values = ws.fileAt("core", "v0.30.0", "core-chart/values.yaml");
    assertTrue(
        values.contains("  version: v0.3.0   # the addon chart the ITS hook installs"), values);
    assertTrue(values.contains("transport:\n  version: 0.2.0\n"), values);
    assertTrue(values.contains("kubeflex:\n  version: 0.9.0\n"), values);
    assertTrue(values.contains("  tag: \"0.30.0\""), values);
    String digest = ws.imageDigests().get("addon-image");
    assertTrue(digest.startsWith("sha256:"), digest);
    String hook = ws.fileAt("core", "v0.30.0", "hooks/its.yaml");
    assertTrue(hook.contains("  image: ghcr.io/example/addon:0.3.0@" + digest + "\n"), hook);
    assertTrue(hook.contains("chart: { name: addon-chart, version: v0.3.0 }"), hook);
    assertEquals(
        "#!/usr/bin/env bash\nTRANSPORT_VERSION=v0.2.0\nKUBEFLEX_VERSION=v0.9.0\n",
        ws.fileAt("core", "v0.30.0", "scripts/setup.sh"));
    assertTrue(ws.fileAt("core", "v0.30.0", "core-chart/Chart.yaml").contains("version: 0.30.0\n"));
    // the after-release branch carries the same literal moves (placeholders stay)
    String afterValues = ws.fileAt("core", "lockstep/after-v0.30.0", "core-chart/values.yaml");
    assertTrue(afterValues.contains("  version: v0.3.0   # the addon"), afterValues);
    assertTrue(afterValues.contains("  tag: \"0.0.0\""), afterValues);
    assertTrue(
        ws.fileAt("core", "lockstep/after-v0.30.0", "hooks/its.yaml")
            .contains("ghcr.io/example/addon:0.3.0@" + digest));
    // addon: its KubeFlex reference moves in the release commit, its follow reference to core only
    // on the after-release branch
    assertEquals(
        "# addon\n\nThe addon needs KubeFlex v0.9.0 and runs with KubeStellar v0.29.0.\n",
        ws.fileAt("addon", "v0.3.0", "docs/install.md"));
    assertEquals(
        "# addon\n\nThe addon needs KubeFlex v0.9.0 and runs with KubeStellar v0.30.0.\n",
        ws.fileAt("addon", "lockstep/after-v0.3.0", "docs/install.md"));
    // main is untouched
    assertEquals(ws.commitOf("core", "v0.29.0"), ws.commitOf("core", "main"));
  }

  @Test
  void theReleaseCommitsVerifyAsASystem() throws Exception {
    assertEquals(0, first.code(), first::toString);
    Map<ArtifactId, Path> roots = new LinkedHashMap<>();
    Map<String, String> tags =
        Map.of("kubeflex", "v0.9.0", "transport", "v0.2.0", "addon", "v0.3.0", "core", "v0.30.0");
    for (String repo : TrainWorkspace.REPOS) {
      Path into = shared.resolve("released").resolve(repo);
      Git.cloneRepository()
          .setURI(ws.dir().resolve(repo).toUri().toString())
          .setDirectory(into.toFile())
          .setBranch("refs/tags/" + tags.get(repo))
          .call()
          .close();
      roots.put(ArtifactId.of(repo), into);
    }
    assertEquals(List.of(), SystemCheck.verifyAt(ws.graph(), roots));
    TrainWorkspace.CliResult r = ws.cli(args(ws, "train", "--verify-released", "-q"));
    assertEquals(0, r.code(), r::toString);
    assertTrue(
        r.out().contains("verify of the release commits: ok (kubeflex v0.9.0, transport v0.2.0,"),
        r::toString);
  }

  @Test
  void plainVerifyOnCheckoutsOfTheReleaseTagsIsCleanAndStillFlagsAWrongValue() throws Exception {
    assertEquals(0, first.code(), first::toString);
    Path dir = shared.resolve("checkouts");
    Files.createDirectories(dir);
    Files.copy(ws.graphFile(), dir.resolve("graph.yaml"));
    Map<String, String> tags =
        Map.of("kubeflex", "v0.9.0", "transport", "v0.2.0", "addon", "v0.3.0", "core", "v0.30.0");
    for (String repo : TrainWorkspace.REPOS) {
      try (Git clone =
          Git.cloneRepository()
              .setURI(ws.dir().resolve(repo).toUri().toString())
              .setDirectory(dir.resolve(repo).toFile())
              .call()) {
        clone.checkout().setName("refs/tags/" + tags.get(repo)).call();
      }
    }
    String graph = dir.resolve("graph.yaml").toString();
    TrainWorkspace.CliResult clean = run("verify", "--graph", graph);
    // HEAD of each repo is its release commit: the placeholders hold the tag's version by design
    assertEquals(0, clean.code(), clean::toString);
    assertFalse(clean.out().contains("placeholder.mismatch"), clean::toString);

    // on the release commit, a placeholder place holding another version is still an error
    Path chart = dir.resolve("core/core-chart/Chart.yaml");
    Files.writeString(chart, Files.readString(chart).replace("version: 0.30.0", "version: 0.30.5"));
    TrainWorkspace.CliResult wrong = run("verify", "--graph", graph);
    assertEquals(1, wrong.code(), wrong::toString);
    assertTrue(
        wrong.out().contains("core-chart/Chart.yaml:3:10: error[placeholder.mismatch]"),
        wrong::toString);

    // main (a commit no release tag names) keeps its placeholders: a version there is flagged
    try (Git core = Git.open(dir.resolve("core").toFile())) {
      core.checkout().setName("main").setForced(true).call();
    }
    Files.writeString(chart, Files.readString(chart).replace("version: 0.0.0", "version: 0.30.0"));
    TrainWorkspace.CliResult onMain = run("verify", "--graph", graph);
    assertEquals(1, onMain.code(), onMain::toString);
    assertTrue(onMain.out().contains("placeholder.mismatch"), onMain::toString);
  }

  static TrainWorkspace.CliResult run(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        dev.lockstep.cli.Main.run(
            args, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
    return new TrainWorkspace.CliResult(code, out.toString(), err.toString());
  }

  @Test
  void theTrainManifestRecordsEveryRepoAndARerunChangesNothing() throws Exception {
    assertEquals(0, first.code(), first::toString);
    Path manifest;
    try (var files = Files.list(ws.out())) {
      manifest =
          files.filter(f -> f.getFileName().toString().startsWith("train-")).findFirst().get();
    }
    String before = Files.readString(manifest);
    TrainManifest m = TrainManifest.read(manifest).get();
    assertEquals(
        List.of("kubeflex=0.9.0", "transport=0.2.0", "addon=0.3.0", "core=0.30.0"), m.train());
    for (String repo : TrainWorkspace.REPOS) {
      TrainManifest.Entry e = m.entry(repo).get();
      assertEquals(TrainManifest.Status.RELEASED, e.status());
      assertEquals(Optional.of(ws.commitOf(repo, e.tag()).name()), e.commit(), repo);
      assertFalse(e.artifacts().isEmpty(), repo);
    }
    var refs = ws.allLocalRefs();
    TrainWorkspace.CliResult again = ws.cli(args(ws, "train"));
    assertEquals(0, again.code(), again::toString);
    assertEquals(4, again.err().split("skipped, released before", -1).length - 1, again::toString);
    assertEquals(refs, ws.allLocalRefs());
    assertEquals(before, Files.readString(manifest));
  }

  @Test
  void aTrainThatWouldLeaveTwoPlacesDisagreeingDoesNotStart() throws Exception {
    TrainWorkspace bad = TrainWorkspace.create(shared.resolve("bad"));
    // core's hook would keep the old addon chart while its values move: they would disagree
    bad.editGraph(
        "      - to: addon-chart\n        at: [ { file: hooks/its.yaml",
        "      - to: addon-chart\n        train: follow\n        at: [ { file: hooks/its.yaml");
    var refs = bad.allLocalRefs();
    TrainWorkspace.CliResult r = bad.cli(args(bad, "train"));
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("the system after this train would not verify"), r::toString);
    assertTrue(r.err().contains("core:hooks/its.yaml:5"), r::toString);
    assertTrue(r.err().contains("core:core-chart/values.yaml:5"), r::toString);
    assertEquals(refs, bad.allLocalRefs());
    assertFalse(Files.exists(bad.out().resolve("images")), "nothing was published");
  }
}

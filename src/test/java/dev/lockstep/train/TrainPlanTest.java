package dev.lockstep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.model.ArtifactId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train's order, cycle refusal and dry run, on the four-repo system (real git). */
class TrainPlanTest {
  static final String[] TRAIN = {"core=0.30.0", "addon=0.3.0", "transport=0.2.0", "kubeflex=0.9.0"};

  @TempDir static Path shared;
  static TrainWorkspace ws;

  @BeforeAll
  static void workspace() throws Exception {
    ws = TrainWorkspace.create(shared.resolve("ws"));
  }

  static List<ArtifactId> ids(String... ids) {
    return java.util.Arrays.stream(ids).map(ArtifactId::of).toList();
  }

  @Test
  void theGraphOrdersTheTrainAndAFollowReferenceDoesNot() {
    TrainOrder order =
        TrainOrder.of(ws.graph(), Set.copyOf(ids("core", "addon", "transport", "kubeflex")));
    assertEquals(List.of(ids("kubeflex", "transport"), ids("addon"), ids("core")), order.stages());
    assertEquals(
        Set.copyOf(ids("addon", "transport", "kubeflex")),
        order.upstreamsOf(ArtifactId.of("core")));
    // addon -> core is train: follow: not an upstream edge
    assertEquals(Set.copyOf(ids("kubeflex")), order.upstreamsOf(ArtifactId.of("addon")));
  }

  @Test
  void aCycleOfReleaseCommitReferencesIsRefusedNamingEachEdge() throws Exception {
    TrainWorkspace cyclic = TrainWorkspace.create(shared.resolve("cyclic"));
    cyclic.editGraph("        train: follow\n", "");
    TrainWorkspace.CliResult r = cyclic.cli(withArgs("train", "--dry-run"));
    assertEquals(2, r.code(), r::toString);
    String graph = Files.readString(cyclic.graphFile());
    int addonToCore = lineOf(graph, "regex: 'with KubeStellar") - 1;
    int coreToAddon = lineOf(graph, "yaml: .addon.version") - 1;
    assertTrue(r.err().contains("form a cycle"), r::toString);
    assertTrue(
        r.err()
            .contains(
                cyclic.graphFile() + ":" + addonToCore + ": addon-docs -> core (addon -> core)"),
        r::toString);
    assertTrue(
        r.err()
            .contains(
                cyclic.graphFile()
                    + ":"
                    + coreToAddon
                    + ": core-chart -> addon-chart (core -> addon)"),
        r::toString);
    assertTrue(r.err().contains("train: follow"), r::toString);
  }

  @Test
  void theDryRunShowsEveryRepoInOrderWithItsUpstreamMovesAndChangesNothing() throws Exception {
    var before = ws.allLocalRefs();
    TrainWorkspace.CliResult r = ws.cli(withArgs("train", "--dry-run"));
    assertEquals(0, r.code(), r::toString);
    String out = r.out();
    int kubeflex = out.indexOf("=== stage 1/3: kubeflex 0.9.0");
    int transport = out.indexOf("=== stage 1/3: transport 0.2.0");
    int addon = out.indexOf("=== stage 2/3: addon 0.3.0 (after kubeflex)");
    int core = out.indexOf("=== stage 3/3: core 0.30.0 (after addon, kubeflex, transport)");
    assertTrue(kubeflex >= 0 && transport > kubeflex && addon > transport && core > addon, out);
    String corePart = out.substring(core);
    // upstream moves in core's release commit
    assertTrue(
        corePart.contains("-  version: v0.2.0   # the addon chart the ITS hook installs"), out);
    assertTrue(
        corePart.contains("+  version: v0.3.0   # the addon chart the ITS hook installs"), out);
    assertTrue(corePart.contains("+TRANSPORT_VERSION=v0.2.0"), out);
    assertTrue(corePart.contains("+KUBEFLEX_VERSION=v0.9.0"), out);
    assertTrue(corePart.contains("+  chart: { name: transport-chart, version: 0.2.0 }"), out);
    // the digest of the addon image is not known before addon is built: said so
    assertTrue(corePart.contains("note: hooks/its.yaml") || corePart.contains("its.yaml:6"), out);
    assertTrue(
        corePart.contains("the digest of addon-image is written once addon has built it"), out);
    // addon's release commit moves its KubeFlex reference; its follow reference to core moves
    // only on the after-release branch
    String addonPart = out.substring(addon, core);
    int after = addonPart.indexOf("# after-release branch lockstep/after-v0.3.0");
    assertTrue(after > 0, addonPart);
    assertTrue(addonPart.substring(0, after).contains("needs KubeFlex v0.9.0"), addonPart);
    assertTrue(
        !addonPart
            .substring(0, after)
            .contains("+The addon needs KubeFlex v0.9.0 and runs with KubeStellar v0.30.0"),
        addonPart);
    assertTrue(
        addonPart
            .substring(after)
            .contains("+The addon needs KubeFlex v0.9.0 and runs with KubeStellar v0.30.0."),
        addonPart);
    assertTrue(out.contains("publish image ghcr.io/example/core:0.30.0"), out);
    assertTrue(out.contains("tag core v0.30.0"), out);
    assertEquals(before, ws.allLocalRefs());
  }

  @Test
  void githubMatrixPrintsTheStagesInOrder() {
    TrainWorkspace.CliResult r = ws.cli(withArgs("train", "--format", "github-matrix"));
    assertEquals(0, r.code(), r::toString);
    assertEquals(
        "{\"train\":\"kubeflex=0.9.0 transport=0.2.0 addon=0.3.0 core=0.30.0\",\"count\":3,"
            + "\"stages\":[{\"repo\":[\"kubeflex\",\"transport\"]},{\"repo\":[\"addon\"]},"
            + "{\"repo\":[\"core\"]}]}\n",
        r.out());
  }

  static String[] withArgs(String... head) {
    String[] all = new String[head.length + TRAIN.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(TRAIN, 0, all, head.length, TRAIN.length);
    return all;
  }

  static int lineOf(String text, String marker) {
    int at = text.indexOf(marker);
    if (at < 0) {
      throw new AssertionError("no '" + marker + "' in\n" + text);
    }
    return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }
}

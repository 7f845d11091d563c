package dev.lockstep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.LocalRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repos of one stage released at the same time in one process ({@code --jobs}) leave what one
 * by one leaves: the same remote and local refs (release commits, tag objects, branches), the same
 * digests and the same train manifest.
 */
class TrainParallelTest {
  @TempDir Path tmp;

  @Test
  void aStageReleasedConcurrentlyEqualsOneByOne() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      TrainWorkspace one = TrainWorkspace.create(tmp.resolve("one"));
      TrainWorkspace.CliResult r1 = one.cli(args(registry, one, "one", "--jobs", "1"));
      assertEquals(0, r1.code(), r1::toString);
      TrainWorkspace together = TrainWorkspace.create(tmp.resolve("together"));
      TrainWorkspace.CliResult r2 =
          together.cli(args(registry, together, "together", "--jobs", "2"));
      assertEquals(0, r2.code(), r2::toString);

      // one by one: kubeflex's steps all come before transport's; together they overlap
      assertTrue(interleaved(r2.err()), r2::toString);
      assertTrue(!interleaved(r1.err()), r1::toString);
      // released lines in the stage's order either way
      assertTrue(
          r2.err().indexOf("train: released kubeflex")
              < r2.err().indexOf("train: released transport"),
          r2::toString);

      TrainKilledTest.Outcome a = TrainKilledTest.outcome(registry.host(), one, "one");
      TrainKilledTest.Outcome b = TrainKilledTest.outcome(registry.host(), together, "together");
      assertEquals(a.remoteRefs(), b.remoteRefs());
      assertEquals(a.localRefs(), b.localRefs());
      assertEquals(a.digests(), b.digests());
      assertEquals(a.trainManifest(), b.trainManifest());
    }
  }

  /** Whether kubeflex's and transport's release steps overlap in the progress lines. */
  static boolean interleaved(String err) {
    List<String> lines = err.lines().filter(l -> l.startsWith("  ")).toList();
    int firstK = -1;
    int lastK = -1;
    int firstT = -1;
    int lastT = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("/example/kubeflex") || lines.get(i).contains("kubeflex-chart")) {
        firstK = firstK < 0 ? i : firstK;
        lastK = i;
      }
      if (lines.get(i).contains("/example/transport") || lines.get(i).contains("transport-chart")) {
        firstT = firstT < 0 ? i : firstT;
        lastT = i;
      }
    }
    assertTrue(firstK >= 0 && firstT >= 0, err);
    return firstK < lastT && firstT < lastK;
  }

  static String[] args(
      LocalRegistry registry, TrainWorkspace ws, String namespace, String... more) {
    List<String> all =
        new ArrayList<>(List.of(TrainKilledTest.args(registry.host(), ws, namespace)));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}

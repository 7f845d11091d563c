package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every place a release turns an id into a path checks that the path stays in its folder, even
 * though the graph loader refuses such ids first: one test per site, with ids the loader would
 * never let through.
 */
class IdPathSitesTest {
  @TempDir Path dir;

  static final List<String> HOSTILE = List.of("../../..", "..", "a/b", "../escaped", "");

  private static void refusedForEach(Function<String, Path> site) {
    for (String id : HOSTILE) {
      assertThrows(BadInputException.class, () -> site.apply(id), "id '" + id + "'");
    }
  }

  @Test
  void cacheWorkFolder() {
    assertEquals(
        dir.resolve("cache/work/addon"),
        ReleaseRun.workDir(dir.resolve("cache"), ArtifactId.of("addon")));
    refusedForEach(id -> ReleaseRun.workDir(dir.resolve("cache"), ArtifactId.of(id)));
  }

  @Test
  void cacheLockFile() {
    assertEquals(
        dir.resolve("cache/work/addon.lock"),
        ReleaseRun.lockFile(dir.resolve("cache"), ArtifactId.of("addon")));
    refusedForEach(id -> ReleaseRun.lockFile(dir.resolve("cache"), ArtifactId.of(id + "/x")));
    assertThrows(
        BadInputException.class,
        () -> ReleaseRun.lockFile(dir.resolve("cache"), ArtifactId.of("../../escaped")));
  }

  @Test
  void manifestName() {
    Path out = dir.resolve("out");
    assertEquals(
        out.resolve("release-addon-0.3.0.json"),
        ReleaseRun.manifestFile(out, "release-addon-0.3.0.json"));
    refusedForEach(id -> ReleaseRun.manifestFile(out, id));
    assertThrows(BadInputException.class, () -> ReleaseRun.manifestFile(out, "../release-x.json"));
  }

  @Test
  void stagedImageTarball() {
    Path staging = dir.resolve("staging/images");
    assertEquals(
        staging.resolve("web.tar"), ImageReleases.stagedTarball(staging, ArtifactId.of("web")));
    refusedForEach(id -> ImageReleases.stagedTarball(staging, ArtifactId.of(id + "/x")));
    assertThrows(
        BadInputException.class,
        () -> ImageReleases.stagedTarball(staging, ArtifactId.of("../../escaped")));
  }

  @Test
  void stagedChartFolder() {
    Path staging = dir.resolve("staging/charts");
    assertEquals(
        staging.resolve("web-chart"),
        ChartReleases.stagedChartDir(staging, ArtifactId.of("web-chart")));
    refusedForEach(id -> ChartReleases.stagedChartDir(staging, ArtifactId.of(id)));
  }

  @Test
  void outputImageTarAndChartFile() {
    Targets t = new Targets(ReleaseOptions.embedded(dir.resolve("out"), dir.resolve("cache")));
    assertEquals(
        dir.resolve("out/images/web-1.0.0.tar"),
        t.imageFile(ArtifactId.of("web"), "ghcr.io/example/web:1.0.0"));
    refusedForEach(id -> t.imageFile(ArtifactId.of(id + "/x"), "ghcr.io/example/web:1.0.0"));
    assertThrows(
        BadInputException.class,
        () -> t.imageFile(ArtifactId.of("../../../escaped"), "ghcr.io/example/web:1.0.0"));
    assertEquals(dir.resolve("out/charts/web-1.0.0.tgz"), t.chartFile("web", "1.0.0"));
    assertThrows(BadInputException.class, () -> t.chartFile("../../escaped", "1.0.0"));
    assertThrows(BadInputException.class, () -> t.chartFile("a/b", "1.0.0"));
  }
}

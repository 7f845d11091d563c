package dev.lockstep.exec.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.lockstep.testing.LayerListing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartPackagerTest {

  @TempDir Path tmp;

  @Test
  void packagingTheSameChartTwiceGivesIdenticalBytes() throws Exception {
    Path chart = ChartFixtures.create(tmp.resolve("src"), "demo");
    ChartFixtures.touchAll(chart, Instant.parse("2021-01-01T00:00:00Z"));
    long start = System.nanoTime();
    PackagedChart first = ChartPackager.packageChart(chart, tmp.resolve("out1"));
    long firstMillis = (System.nanoTime() - start) / 1_000_000;

    Thread.sleep(1100); // Helm's own archive would now carry a later timestamp
    ChartFixtures.touchAll(chart, Instant.parse("2025-05-05T05:05:05Z"));
    start = System.nanoTime();
    PackagedChart second = ChartPackager.packageChart(chart, tmp.resolve("out2"));
    long secondMillis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "chart package: %d ms, again %d ms, %d bytes%n",
        firstMillis, secondMillis, Files.size(first.tgz()));

    assertEquals(tmp.resolve("out1/demo-0.1.0.tgz"), first.tgz());
    assertEquals("demo", first.name());
    assertEquals("0.1.0", first.version());
    assertArrayEquals(Files.readAllBytes(first.tgz()), Files.readAllBytes(second.tgz()));
    assertEquals(first.sha256(), second.sha256());
    assertEquals(ChartPackager.sha256Hex(Files.readAllBytes(first.tgz())), first.sha256());
    try (var left = Files.list(tmp.resolve("out1"))) {
      assertEquals(List.of(first.tgz()), left.toList(), "no scratch files left behind");
    }
  }

  @Test
  void archiveIsSortedRootOwnedAndTimeless() throws Exception {
    PackagedChart chart =
        ChartPackager.packageChart(
            ChartFixtures.create(tmp.resolve("src"), "demo"), tmp.resolve("out"));
    List<String> entries = LayerListing.ofTgz(chart.tgz());
    List<String> paths =
        entries.stream().map(line -> line.substring(line.lastIndexOf(' ') + 1)).toList();
    assertEquals(paths.stream().sorted().toList(), paths);
    assertTrue(paths.contains("demo/Chart.yaml"), paths.toString());
    assertTrue(paths.contains("demo/" + ChartFixtures.LONG_TEMPLATE), paths.toString());
    for (String line : entries) {
      assertTrue(line.startsWith("-rw-r--r-- 0/0 1970-01-01 00:00:00 demo/"), line);
    }
    byte[] gzip = Files.readAllBytes(chart.tgz());
    assertArrayEquals(
        new byte[] {0, 0, 0, 0}, java.util.Arrays.copyOfRange(gzip, 4, 8), "gzip MTIME is zero");
  }

  @Test
  void helmStillAcceptsTheNormalizedArchive() throws Exception {
    PackagedChart chart =
        ChartPackager.packageChart(
            ChartFixtures.create(tmp.resolve("src"), "demo"), tmp.resolve("out"));
    String shown = Helm.show(chart.tgz().toString()).chart().call();
    assertTrue(shown.contains("name: demo"), shown);
    assertTrue(shown.contains("version: 0.1.0"), shown);
    LintResult lint = new Helm(chart.tgz()).lint().call();
    assertFalse(lint.isFailed(), lint.getMessages().toString());
    String rendered = Helm.template(chart.tgz().toString()).call();
    assertTrue(rendered.contains("kind: Deployment"), rendered);
  }

  @Test
  void differentContentGivesDifferentBytes() throws Exception {
    Path chart = ChartFixtures.create(tmp.resolve("src"), "demo");
    PackagedChart before = ChartPackager.packageChart(chart, tmp.resolve("out1"));
    ChartFixtures.replace(chart.resolve("values.yaml"), "replicaCount: 1", "replicaCount: 2");
    PackagedChart after = ChartPackager.packageChart(chart, tmp.resolve("out2"));
    assertNotEquals(before.sha256(), after.sha256());
  }

  @Test
  void brokenChartsFailWithHelmsReason() throws Exception {
    Path chart = ChartFixtures.create(tmp.resolve("src"), "demo");
    ChartFixtures.replace(chart.resolve("Chart.yaml"), "version: 0.1.0", "version: not-semver");
    java.io.IOException e =
        assertThrows(
            java.io.IOException.class, () -> ChartPackager.packageChart(chart, tmp.resolve("out")));
    assertTrue(e.getMessage().startsWith("helm package failed for " + chart), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ChartPackager.packageChart(tmp, tmp.resolve("out")));
  }
}

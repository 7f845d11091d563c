package dev.lockstep.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.Verdict;
import dev.lockstep.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules the KubeStellar faults do not cover, each firing and quiet, on real git repos. */
class VerifyGraphRulesTest {
  @TempDir Path tmp;

  private Path twoRepos(String refsFromA, String refsFromB) throws Exception {
    GitFixture.init(tmp.resolve("a")).write("a.txt", "B_VERSION=1.0.0\n").commit("a").tag("v1.0.0");
    GitFixture.init(tmp.resolve("b")).write("b.txt", "A_VERSION=1.0.0\n").commit("b").tag("v1.0.0");
    Path graph = tmp.resolve("graph.yaml");
    Files.writeString(
        graph,
        """
        lockstep: 1
        repos:
          a: { path: a }
          b: { path: b }
        artifacts:
          a-doc:
            kind: file
            repo: a
            uses:
        %s
          b-doc:
            kind: file
            repo: b
            uses:
        %s
        """
            .formatted(refsFromA, refsFromB));
    return graph;
  }

  private static List<String> codes(Path graph) {
    return Verifier.verify(GraphLoader.load(graph)).findings().stream()
        .map(f -> f.rule().code())
        .toList();
  }

  @Test
  void referenceCycleBetweenReposWarns_andOneWayReferencesDoNot() throws Exception {
    String aToB =
        "      - { to: b, format: \"{version}\", at: [ { file: a.txt, regex: 'B_VERSION=(?<version>\\S+)' } ] }";
    String bToA =
        "      - { to: a, format: \"{version}\", at: [ { file: b.txt, regex: 'A_VERSION=(?<version>\\S+)' } ] }";
    Path cyclic = twoRepos(aToB, bToA);
    VerifyReport report = Verifier.verify(GraphLoader.load(cyclic));
    assertTrue(codes(cyclic).contains("graph.reference-cycle"), codes(cyclic).toString());
    assertEquals(
        Verdict.PASS, report.verdict(false), () -> "a cycle is a warning: " + report.findings());
    assertEquals(Verdict.FAIL, report.verdict(true), "--strict fails on it");
  }

  @Test
  void oneWayReferenceHasNoCycle() throws Exception {
    String aToB =
        "      - { to: b, format: \"{version}\", at: [ { file: a.txt, regex: 'B_VERSION=(?<version>\\S+)' } ] }";
    Path graph = twoRepos(aToB, "      []");
    Files.writeString(graph, Files.readString(graph).replace("uses:\n      []", "uses: []"));
    assertFalse(codes(graph).contains("graph.reference-cycle"), codes(graph).toString());
  }

  @Test
  void unversionedReferenceFires_andAnAcknowledgedOneDoesNot() throws Exception {
    Path graph =
        twoRepos(
            "      - { to: b }", "      - { to: a, unversioned: \"uses the local checkout\" }");
    List<String> codes = codes(graph);
    assertEquals(1, codes.stream().filter("ref.unversioned"::equals).count(), codes.toString());
  }

  @Test
  void stampRegularComparesWithTheLatestRegularRelease() throws Exception {
    GitFixture.init(tmp.resolve("a"))
        .write("doc.md", "latest: 1.0.0\nnext: 1.1.0-rc.1\n")
        .commit("a")
        .tag("v1.0.0")
        .write("x", "x")
        .commit("rc")
        .tag("v1.1.0-rc.1");
    Path graph = tmp.resolve("graph.yaml");
    Files.writeString(
        graph,
        """
        lockstep: 1
        repos:
          a: { path: a }
        artifacts:
          doc:
            kind: file
            repo: a
            uses:
              - { to: a, stamp: regular, format: "{version}", at: [ { file: doc.md, regex: 'latest: (?<version>\\S+)' } ] }
              - { to: a, format: "{version}", at: [ { file: doc.md, regex: 'next: (?<version>\\S+)' } ] }
        """);
    assertEquals(
        List.of(), codes(graph).stream().filter(c -> !c.equals("graph.reference-cycle")).toList());
    Files.writeString(tmp.resolve("a/doc.md"), "latest: 1.1.0-rc.1\nnext: 1.0.0\n");
    List<String> codes = codes(graph);
    assertEquals(
        2, codes.stream().filter("self-reference.stale"::equals).count(), codes.toString());
  }

  /** lockstep tags a release commit made on its own branch on top of main, not main itself. */
  @Test
  void aReleaseTaggedOnABranchOffMainCountsForMain() throws Exception {
    GitFixture a =
        GitFixture.init(tmp.resolve("a"))
            .write("doc.md", "version: 1.0.0\n")
            .commit("a")
            .tag("v1.0.0");
    var git = a.git();
    git.checkout().setCreateBranch(true).setName("release-1.1.0").call();
    a.write("doc.md", "version: 1.1.0\n").commit("Release a 1.1.0").tag("v1.1.0");
    git.checkout().setName("main").call();
    Path graph = tmp.resolve("graph.yaml");
    Files.writeString(
        graph,
        """
        lockstep: 1
        repos:
          a: { path: a }
        artifacts:
          doc:
            kind: file
            repo: a
            uses:
              - { to: a, format: "{version}", at: [ { file: doc.md, regex: 'version: (?<version>\\S+)' } ] }
        """);
    List<String> codes = codes(graph);
    assertTrue(
        codes.contains("self-reference.stale"),
        "main still names 1.0.0 after 1.1.0 was released: " + codes);
    a.write("doc.md", "version: 1.1.0\n").commit("after release");
    assertFalse(codes(graph).contains("self-reference.stale"), codes(graph).toString());
  }

  @Test
  void chartNameMustMatchItsPublishPath() throws Exception {
    GitFixture a =
        GitFixture.init(tmp.resolve("a"))
            .write("chart/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.0.0\n")
            .commit("a");
    Path graph = tmp.resolve("graph.yaml");
    Files.writeString(
        graph,
        """
        lockstep: 1
        repos:
          a: { path: a }
        artifacts:
          app-chart: { kind: chart, repo: a, path: chart, publish: "oci://ghcr.io/example/app-chart", placeholder: 0.0.0 }
        """);
    assertTrue(codes(graph).contains("chart.name"), codes(graph).toString());
    a.write("chart/Chart.yaml", "apiVersion: v2\nname: app-chart\nversion: 0.0.0\n")
        .commit("rename");
    assertFalse(codes(graph).contains("chart.name"), codes(graph).toString());
  }

  private Path oneFileGraph(String file, String content, String locator) throws Exception {
    GitFixture.init(tmp.resolve("a")).write(file, content).commit("a").tag("v1.0.0");
    Path graph = tmp.resolve("graph.yaml");
    Files.writeString(
        graph,
        """
        lockstep: 1
        repos:
          a: { path: a }
          b: { path: b }
        artifacts:
          doc:
            kind: file
            repo: a
            uses:
              - { to: b, format: "{version}", at: [ %s ] }
        """
            .formatted(locator));
    return graph;
  }

  @Test
  void aBlockScalarVersionIsAnUnsafeEdit_aPlainOneIsNot() throws Exception {
    Path graph = oneFileGraph("v.yaml", "b: >-\n  1.2.3\nc: 1.2.3\n", "{ file: v.yaml, yaml: .b }");
    assertTrue(codes(graph).contains("locator.unsafe-edit"), codes(graph).toString());
    Files.writeString(graph, Files.readString(graph).replace("yaml: .b", "yaml: .c"));
    assertFalse(codes(graph).contains("locator.unsafe-edit"), codes(graph).toString());
  }

  @Test
  void aFileThatDoesNotParseIsAnInputProblem_andExits2() throws Exception {
    Path graph = oneFileGraph("v.json", "{ \"b\": \"1.2.3\", }", "{ file: v.json, json: /b }");
    VerifyReport report = Verifier.verify(GraphLoader.load(graph));
    assertTrue(codes(graph).contains("locator.unparsable"), codes(graph).toString());
    assertEquals(Verdict.BAD_INPUT, report.verdict(false));
  }

  @Test
  void aFileThatIsNotUtf8IsAnInputProblem() throws Exception {
    Path graph = oneFileGraph("v.txt", "V=1.2.3\n", "{ file: v.txt, regex: 'V=(?<version>\\S+)' }");
    Files.write(tmp.resolve("a/v.txt"), new byte[] {'V', '=', (byte) 0xff, (byte) 0xfe, '\n'});
    assertTrue(codes(graph).contains("locator.not-utf8"), codes(graph).toString());
  }
}

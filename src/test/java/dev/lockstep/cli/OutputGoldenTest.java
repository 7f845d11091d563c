package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.testing.Golden;
import dev.lockstep.testing.KubestellarWorkspace;
import dev.lockstep.testing.KubestellarWorkspace.Fault;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user reads, whole: every output format of {@code verify}, {@code graph} and {@code plan}
 * on the KubeStellar-like workspace, compared with golden files under {@code
 * src/test/resources/golden/OutputGoldenTest/} (temporary folders and timings normalized). The
 * verify workspace has five planted faults, so the reports hold real findings of several rules and
 * severities; {@code plan} runs on a clean copy. Rewrite the files with {@code
 * -Dgolden.update=true} and review the diff.
 */
class OutputGoldenTest {
  static final String DIR = "OutputGoldenTest";

  @TempDir static Path tmp;

  /** The graph of the workspace with planted faults. */
  static Path faulty;

  /** The graph of a clean copy. */
  static Path clean;

  static Golden.Normalizer normalizer;

  @BeforeAll
  static void workspaces() {
    faulty = KubestellarWorkspace.create(tmp.resolve("faulty"));
    for (Fault fault :
        new Fault[] {
          Fault.DISAGREEMENT,
          Fault.FLOATING,
          Fault.SELF_REFERENCE_STALE,
          Fault.EXTERNAL_PIN_MISMATCH,
          Fault.UNDECLARED_CHART
        }) {
      KubestellarWorkspace.plant(faulty, fault);
    }
    clean = KubestellarWorkspace.create(tmp.resolve("clean"));
    normalizer =
        new Golden.Normalizer()
            .folder(tmp, "<tmp>")
            // SARIF's %SRCROOT% is the folder verify runs in: the checkout, wherever it is
            .folder(Path.of(""), "<cwd>");
  }

  /** Runs the CLI and returns its normalized standard output, checking the exit code. */
  static String run(int exit, String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(exit, r.code(), r::toString);
    return normalizer.apply(r.out());
  }

  // ------------------------------------------------------------------ verify

  @Test
  void verifyText() {
    String out = run(1, "verify", "--graph", faulty.toString());
    Golden.assertMatches(DIR, "verify", out);
  }

  @Test
  void verifyJson() throws Exception {
    String out = run(1, "verify", "--graph", faulty.toString(), "--format", "json");
    new ObjectMapper().readTree(out); // it parses
    Golden.assertMatches(DIR, "verify.json", out);
  }

  @Test
  void verifySarif() throws Exception {
    String out = run(1, "verify", "--graph", faulty.toString(), "--format", "sarif");
    assertEquals("2.1.0", new ObjectMapper().readTree(out).path("version").asText());
    Golden.assertMatches(DIR, "verify.sarif", out);
  }

  @Test
  void verifyGithubAnnotations() {
    String out = run(1, "verify", "--graph", faulty.toString(), "--format", "github");
    assertTrue(out.lines().anyMatch(l -> l.startsWith("::error ")), out);
    Golden.assertMatches(DIR, "verify-github", out);
  }

  @Test
  void verifyTextOnTheCleanWorkspace() {
    String out = run(0, "verify", "--graph", clean.toString());
    Golden.assertMatches(DIR, "verify-clean", out);
  }

  // ------------------------------------------------------------------ graph

  @Test
  void graphMermaid() {
    String out = run(0, "graph", "--graph", clean.toString(), "--format", "mermaid");
    Golden.assertMatches(DIR, "graph.mmd", out);
  }

  @Test
  void graphDot() {
    String out = run(0, "graph", "--graph", clean.toString(), "--format", "dot");
    Golden.assertMatches(DIR, "graph.dot", out);
  }

  @Test
  void graphJson() throws Exception {
    String out = run(0, "graph", "--graph", clean.toString(), "--format", "json");
    new ObjectMapper().readTree(out);
    Golden.assertMatches(DIR, "graph.json", out);
  }

  // ------------------------------------------------------------------ plan

  @Test
  void planText() {
    String out = run(0, "plan", "--graph", clean.toString(), "kubestellar", "0.30.0");
    Golden.assertMatches(DIR, "plan", out);
  }

  @Test
  void planJson() throws Exception {
    String out =
        run(0, "plan", "--graph", clean.toString(), "kubestellar", "0.30.0", "--format", "json");
    new ObjectMapper().readTree(out);
    Golden.assertMatches(DIR, "plan.json", out);
  }
}

package dev.lockstep.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cli.Main;
import dev.lockstep.testing.KubestellarWorkspace;
import dev.lockstep.testing.KubestellarWorkspace.Fault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every verify rule fires on a planted fault in real git repos modelled on KubeStellar, at the
 * planted place, and stays quiet on the clean workspace.
 */
@Order(2) // among the longest classes: start early
class VerifyRulesTest {
  @TempDir Path tmp;

  private record Run(int exit, JsonNode report, String err) {
    List<String> codes() {
      List<String> out = new ArrayList<>();
      report.get("findings").forEach(f -> out.add(f.get("code").asText()));
      return out;
    }
  }

  private static Run verify(Path graph) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new String[] {"verify", "--graph", graph.toString(), "--format", "json"},
            new PrintWriter(out),
            new PrintWriter(err));
    return new Run(exit, new ObjectMapper().readTree(out.toString()), err.toString());
  }

  @Test
  void cleanWorkspacePasses_withOnlyTheSeedsReferenceCycles() throws Exception {
    Path graph = KubestellarWorkspace.create(tmp);
    Run run = verify(graph);
    assertEquals(0, run.exit(), run.report().toPrettyString());
    assertEquals(
        0, run.report().get("summary").get("errors").asInt(), run.report().toPrettyString());
    assertTrue(run.codes().contains("graph.reference-cycle"), run.codes().toString());
    assertTrue(run.codes().contains("artifact.disabled"), run.codes().toString());
    assertTrue(run.report().get("summary").get("places").asInt() > 30);
  }

  static String expectedCode(Fault fault) {
    switch (fault) {
      case DISAGREEMENT:
        return "disagreement";
      case FLOATING:
        return "value.floating";
      case NOT_A_VERSION:
        return "value.not-a-version";
      case WRONG_FORMAT:
        return "value.format";
      case PLACEHOLDER_CHANGED:
        return "placeholder.mismatch";
      case SELF_REFERENCE_STALE:
        return "self-reference.stale";
      case EXTERNAL_PIN_MISMATCH:
        return "external.pin-mismatch";
      case UNDECLARED_IMAGE:
        return "undeclared.image";
      case UNDECLARED_CHART:
        return "undeclared.chart";
      case COUNT_MISMATCH:
        return "locator.count";
      case FILE_MISSING:
        return "locator.file-missing";
      case SYMLINK_ESCAPE:
        return "locator.path-escape";
      case BINARY_FILE:
        return "locator.binary";
      default:
        return "repo.not-checked-out";
    }
  }

  static int expectedExit(Fault fault) {
    switch (fault) {
      case FILE_MISSING:
      case SYMLINK_ESCAPE:
      case BINARY_FILE:
        return 2;
      case REPO_NOT_CHECKED_OUT:
        return 0;
      default:
        return 1;
    }
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void plantedFaultFiresItsRule(Fault fault) throws Exception {
    Path graph = KubestellarWorkspace.create(tmp);
    String before = String.join(",", verify(graph).codes());
    assertFalse(before.contains(expectedCode(fault)), "fires before planting: " + before);
    KubestellarWorkspace.Planted planted =
        KubestellarWorkspace.plant(KubestellarWorkspace.ws(graph), fault);
    Run run = verify(graph);
    assertEquals(expectedExit(fault), run.exit(), run.report().toPrettyString());
    List<JsonNode> matching = new ArrayList<>();
    run.report()
        .get("findings")
        .forEach(
            f -> {
              if (f.get("code").asText().equals(expectedCode(fault))) {
                matching.add(f);
              }
            });
    assertFalse(
        matching.isEmpty(), fault + " did not fire " + expectedCode(fault) + ": " + run.codes());
    if (planted.line() > 0 && expectedExit(fault) == 1) {
      boolean atPlace =
          matching.stream()
              .anyMatch(
                  f -> {
                    for (JsonNode l : f.get("locations")) {
                      if (l.get("file").asText().endsWith(planted.file())
                          && l.get("line").asInt() == planted.line()) {
                        return true;
                      }
                    }
                    return false;
                  });
      assertTrue(
          atPlace, "no location at " + planted.file() + ":" + planted.line() + " in " + matching);
    }
  }
}

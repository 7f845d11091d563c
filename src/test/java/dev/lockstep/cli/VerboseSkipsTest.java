package dev.lockstep.cli;

import static dev.lockstep.cli.Cli.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Konductor-style platform with disabled modules: {@code --verbose} says which disabled artifacts
 * the undeclared scan and {@code outdated} skipped; without it they stay quiet.
 */
class VerboseSkipsTest {
  @TempDir Path tmp;

  private Path platform() throws Exception {
    GitFixture.init(tmp.resolve("platform"))
        .write("modules/cilium/values.yaml", "hubble:\n  image: ghcr.io/example/relay:1.2.0\n")
        .commit("platform");
    return Files.writeString(
        tmp.resolve("lockstep.yaml"),
        """
        lockstep: 1
        repos:
          platform: { path: platform }
        artifacts:
          relay:
            kind: image
            name: ghcr.io/example/relay
            external: { version: 1.2.0 }
          old-operator:
            kind: image
            name: ghcr.io/example/old-operator
            enabled: false
            reason: replaced by the new operator
            external: { version: 0.9.0 }
          cilium:
            kind: file
            repo: platform
            enabled: false
            reason: the cilium module is disabled in this platform
            uses:
              - to: relay
                format: "ghcr.io/example/relay:{version}"
                at: [ { file: modules/cilium/values.yaml, yaml: .hubble.image } ]
        """);
  }

  @Test
  void verifySaysWhatTheUndeclaredScanSkipped() throws Exception {
    Path g = platform();
    Cli.Result r = Cli.verify(g, "--verbose");
    assertExit(0, r);
    List<String> skips =
        r.errLines().stream().filter(l -> l.startsWith("undeclared scan")).toList();
    assertEquals(
        List.of(
            "undeclared scan skipped disabled image old-operator (replaced by the new operator):"
                + " its name is not looked for",
            "undeclared scan skipped disabled file cilium (the cilium module is disabled in this"
                + " platform): the place it declares counts as declared"),
        skips,
        r::toString);
    assertTrue(Cli.verify(g).errLines().stream().noneMatch(l -> l.startsWith("undeclared scan")));
  }

  @Test
  void outdatedSaysWhichExternalsItSkipped() throws Exception {
    Path g = platform();
    Cli.Result r = Cli.run("outdated", "--graph", g.toString(), "--verbose");
    assertExit(0, r);
    assertEquals(
        List.of(
            "outdated skipped image relay: only disabled artifacts use it (cilium)",
            "outdated skipped disabled image old-operator (replaced by the new operator)"),
        r.errLines(),
        r::toString);
    assertTrue(Cli.run("outdated", "--graph", g.toString()).errLines().isEmpty());
  }
}

package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.cli.Main;
import dev.lockstep.testing.LocalRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole loop through the CLI: release to a real registry, then audit what landed. */
class ReleaseThenAuditTest {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run lockstep(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void releasedVersionPassesItsAudit_andAnUnreleasedOneFails() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"));
        ReleaseWorkspace ws = ReleaseWorkspace.create(tmp.resolve("ws"))) {
      String graph = ws.dir().resolve("graph.yaml").toString();
      Run release =
          lockstep(
              "release",
              "--graph",
              graph,
              "app",
              "1.1.0",
              "--registry",
              registry.host(),
              "--output",
              ws.out().toString(),
              "--cache",
              ws.dir().resolve("cache").toString(),
              "--quiet");
      assertEquals(0, release.code(), release::toString);
      assertTrue(release.out().contains("tag v1.1.0"), release::toString);

      Run audit =
          lockstep("audit", "--graph", graph, "app", "1.1.0", "--registry", registry.host());
      assertEquals(0, audit.code(), audit::toString);
      assertTrue(audit.out().contains("ok"), audit::toString);

      Run missing =
          lockstep("audit", "--graph", graph, "app", "1.2.0", "--registry", registry.host());
      assertEquals(1, missing.code(), missing::toString);
    }
  }
}

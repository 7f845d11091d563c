package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A password in a registry option is refused and never echoed, whatever the command. */
@Tag("hostile-credentials")
class SecretsNotPrintedTest {
  private static final String SECRET = "hunter2-secret";

  @TempDir Path tmp;

  private static String run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    String all = out + "" + err;
    assertEquals(2, code, String.join(" ", args) + " -> " + all);
    return all;
  }

  @Test
  void userInfoInARegistryOptionIsRefusedWithoutEchoingIt() throws Exception {
    try (ReleaseWorkspace ws = ReleaseWorkspace.create(tmp.resolve("ws"))) {
      String graph = ws.dir().resolve("graph.yaml").toString();
      String withSecret = "bob:" + SECRET + "@127.0.0.1:5999";
      List<List<String>> commands = new ArrayList<>();
      for (String option : List.of("--registry", "--insecure-registry")) {
        commands.add(
            List.of(
                "release",
                "--graph",
                graph,
                "app",
                "1.1.0",
                option,
                withSecret,
                "--output",
                ws.out().toString(),
                "--cache",
                ws.dir().resolve("cache").toString(),
                "--quiet"));
        commands.add(List.of("verify", "--graph", graph, "--online", option, withSecret));
        commands.add(List.of("outdated", "--graph", graph, option, withSecret));
        commands.add(List.of("audit", "--graph", graph, "app", "1.0.0", option, withSecret));
      }
      for (List<String> args : commands) {
        String printed = run(args);
        assertFalse(printed.contains(SECRET), String.join(" ", args) + " printed: " + printed);
        assertTrue(printed.contains("USER:PASSWORD@"), printed);
        assertEquals(1, printed.strip().lines().count(), printed);
      }
    }
  }
}

package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.DemoWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committed symlink to a host file is never packaged: verify reports it, release refuses it
 * before anything is written, and {@code verify --render} does not read through it.
 */
@Tag("hostile")
class HostileSymlinkTest {
  private static final String SECRET = "HOST-ONLY-91be2";

  @TempDir Path dir;
  private DemoWorkspace w;
  private Path hostFile;

  @BeforeEach
  void workspace() throws IOException {
    w = DemoWorkspace.create(dir.resolve("ws"));
    hostFile = Files.writeString(dir.resolve("hostname"), SECRET + "\n");
  }

  private Cli.Result releaseAddon() {
    return Cli.run(
        "release",
        "--graph",
        w.graph.toString(),
        "addon",
        "0.3.0",
        "--output",
        dir.resolve("out").toString(),
        "--cache",
        dir.resolve("cache").toString(),
        "--quiet");
  }

  private void assertRefused(Cli.Result r, String file) throws IOException {
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains(file + " is a symlink that leads out of the repo"), r::toString);
    assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET), r::toString);
    Cli.assertNoStackTrace(r);
    assertEquals(null, w.addon.git().getRepository().exactRef("refs/tags/v0.3.0"));
    assertFalse(Files.exists(dir.resolve("out")), "nothing written");
  }

  @Test
  void anImageLayerLinkedToAHostFileIsRefused() throws IOException {
    w.addon.symlink("bin/addon", hostFile.toString()).commit("link");
    Cli.Result v = Cli.verify(w.graph);
    assertEquals(2, v.code(), v::toString);
    assertTrue(v.out().contains("error[locator.path-escape]"), v::toString);
    assertRefused(releaseAddon(), "bin/addon");
  }

  @Test
  void aChartFileLinkedOutOfTheRepoIsRefusedAndNeverRendered() throws IOException {
    w.addon
        .symlink("chart/leak.txt", "../../../hostname")
        .write(
            "chart/templates/leak.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: leak }\n"
                + "data: { leak: {{ .Files.Get \"leak.txt\" | quote }} }\n")
        .commit("leak");
    assertRefused(releaseAddon(), "chart/leak.txt");
    Cli.Result render = Cli.verify(w.graph, "--render");
    assertEquals(2, render.code(), render::toString);
    assertFalse(render.out().contains(SECRET) || render.err().contains(SECRET), render::toString);
  }

  @Test
  void aLinkInsideTheRepoIsFollowed() throws IOException {
    w.addon
        .write("bin/real-addon", "#!/bin/sh\necho addon\n")
        .symlink("bin/addon", "real-addon")
        .commit("link inside");
    assertEquals(0, Cli.verify(w.graph).code());
    Cli.Result r = releaseAddon();
    assertEquals(0, r.code(), r::toString);
  }
}

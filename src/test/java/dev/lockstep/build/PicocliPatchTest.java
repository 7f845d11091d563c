package dev.lockstep.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step that edits picocli's source, run as the build runs it (a source-file launch): on
 * the source as released it makes the edits this build compiled, on its own result it changes
 * nothing, and on a source that lacks one of the texts it fails the build instead of guessing.
 */
class PicocliPatchTest {
  @TempDir Path tmp;

  /** picocli's CommandLine.java as this build patched it (pom.xml: generate-sources). */
  private static final Path PATCHED =
      Path.of("target/generated-sources/picocli/picocli/CommandLine.java");

  /** picocli's CommandLine.java as released, from its sources jar (pom.xml: surefire). */
  private static String released() throws IOException {
    String jar = System.getProperty("picocli.sources");
    try (ZipFile zip = new ZipFile(jar);
        InputStream in = zip.getInputStream(zip.getEntry("picocli/CommandLine.java"))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int run(Path file, StringBuilder out) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "src/build/java/dev/lockstep/build/PicocliPatch.java",
                file.toString())
            .redirectErrorStream(true)
            .start();
    out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    return p.waitFor();
  }

  @Test
  void patchesTheReleasedSourceOnceAndOnlyOnce() throws Exception {
    String released = released();
    String patched = Files.readString(PATCHED);
    assertNotEquals(patched, released);
    assertTrue(patched.contains("KnownAnnotations.get(cls, Command.class)"), "the build's source");

    Path file = tmp.resolve("CommandLine.java");
    Files.writeString(file, released);
    StringBuilder out = new StringBuilder();
    assertEquals(0, run(file, out), out.toString());
    assertEquals(patched, Files.readString(file), "the build's patched source, from the release");

    assertEquals(0, run(file, out), out.toString());
    assertEquals(patched, Files.readString(file), "a second run changes nothing");
  }

  @Test
  void failsOnASourceThatNoLongerReadsAsExpected() throws Exception {
    // a picocli release that renamed the loop's variable
    String renamed =
        released().replace("Command cmd = cls.getAnnotation(", "Command c = cls.getAnnotation(");
    Path file = tmp.resolve("CommandLine.java");
    Files.writeString(file, renamed);
    StringBuilder out = new StringBuilder();
    assertNotEquals(0, run(file, out));
    assertTrue(out.toString().contains("PicocliPatch.java"), out.toString());
    assertTrue(
        out.toString().contains("Command cmd = cls.getAnnotation(Command.class);"), out.toString());
    assertEquals(renamed, Files.readString(file), "nothing written");
  }
}

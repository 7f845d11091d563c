package dev.lockstep.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step that edits picocli's source, run as the build runs it (a source-file launch): on
 * the source as released it makes every edit, on its own result it changes nothing, and on a source
 * that lacks one of the texts it fails the build instead of guessing.
 */
class PicocliPatchTest {
  @TempDir Path tmp;

  /** picocli's CommandLine.java as this build patched it (pom.xml: generate-sources). */
  private static final Path PATCHED =
      Path.of("target/generated-sources/picocli/picocli/CommandLine.java");

  /** The edits' texts, as the step holds them; the step's own file is the one read. */
  private static final String[][] EDITS = {
    {
      "while (cls != null) {\n" + " ".repeat(24) + "hierarchy.add(cls);",
      "while (cls != null && cls != Object.class) { // lockstep: see PicocliPatch.java\n"
          + " ".repeat(24)
          + "hierarchy.add(cls);"
    },
    {"|| e.isAnnotationPresent(", "|| KnownAnnotations.isPresent(e, "},
    {
      "return accessible.isAnnotationPresent(annotationClass);",
      "return KnownAnnotations.isPresent(accessible, annotationClass);"
    },
    {
      "return accessible.getAnnotation(annotationClass);",
      "return KnownAnnotations.get(accessible, annotationClass);"
    },
    {
      "Command cmd = cls.getAnnotation(Command.class);",
      "Command cmd = KnownAnnotations.get(cls, Command.class);"
    },
  };

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

  /** The released source, got back from the patched one by undoing each edit. */
  private static String released(String patched) {
    String s = patched;
    int start = s.indexOf("    /**\n     * lockstep: picocli's annotations");
    // the inserted class ends at the first "    }" line after its last method
    int end =
        s.indexOf("\n    }\n", s.indexOf("private static <T extends Annotation> T find(")) + 7;
    s = s.substring(0, start) + s.substring(end);
    for (String[] e : EDITS) {
      s = s.replace(e[1], e[0]);
    }
    return s;
  }

  @Test
  void patchesTheReleasedSourceOnceAndOnlyOnce() throws Exception {
    String patched = Files.readString(PATCHED);
    String released = released(patched);
    assertTrue(!released.contains("KnownAnnotations"), "undoing left an edit behind");
    assertNotEquals(patched, released);

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
    String released = released(Files.readString(PATCHED));
    // a picocli release that renamed the loop's variable
    String renamed =
        released.replace("Command cmd = cls.getAnnotation(", "Command c = cls.getAnnotation(");
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

package dev.lockstep.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The build step that turns invokedynamic string concatenation into StringBuilder code, run as the
 * build runs it (a source-file launch on a jar), on classes javac compiles here with its default
 * (invokedynamic): the same strings before and after, for every kind of argument, and no call site
 * left.
 */
class ConcatRewriteTest {

  private static final String SAMPLE =
      """
      package sample;

      public final class Shapes {
        static final String AT_INIT;
        static { int n = 3; AT_INIT = "init" + n; }

        static class Base { final String m; Base(String m) { this.m = m; } }
        // the concatenation runs before super(), on an uninitialized this
        static final class Sub extends Base { Sub(int i, long l) { super("sub" + i + ":" + l); } }

        public static String[] all(String s, Object o, int i, long l, double d, float f, char c,
            boolean b, byte by, short sh, char[] chars, Object none, CharSequence seq) {
          String loop = "";
          for (int k = 0; k < 3; k++) {
            try {
              loop += k + ",";
              if (k == 1) throw new IllegalStateException("at " + k);
            } catch (IllegalStateException e) {
              loop += "(" + e.getMessage() + ")";
            }
          }
          return new String[] {
            s + o,
            "a" + i + "b" + l + "c" + d + "d" + f,
            c + "" + b + by + sh,
            "\\u0001 and \\u0002 are recipe tags; " + s + "\\u0002" + i,
            "" + chars.length + chars,
            none + "|" + s + none,
            seq + "/" + seq.length(),
            s + s + s + s + s + s + s + s + i + l + d + f + c + b + by + sh + o + none,
            loop,
            AT_INIT,
            new Sub(i, l).m,
            String.valueOf(i) + l,
          };
        }
      }
      """;

  @TempDir Path dir;

  @Test
  void theSameStringsWithNoCallSiteLeft() throws Exception {
    Path src = dir.resolve("src/sample/Shapes.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, SAMPLE);
    Path classes = dir.resolve("classes");
    int javac =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "--release", "17", "-d", classes.toString(), src.toString());
    assertEquals(0, javac, "javac");
    Path before = dir.resolve("before.jar");
    jar(classes, before);
    Path after = dir.resolve("after.jar");
    Files.copy(before, after);
    int sitesBefore = concatSites(before);
    assertTrue(sitesBefore >= 12, "javac compiled " + sitesBefore + " invokedynamic sites");

    String out = rewrite(after);

    assertEquals(0, concatSites(after), "call sites left after the rewrite");
    assertTrue(out.contains(sitesBefore + " invokedynamic string concatenations"), out);
    char[] chars = {'x', 'y'};
    Object[] args = {
      "s",
      List.of(1, 2),
      -7,
      1L << 40,
      0.1,
      1.5f,
      'c',
      true,
      (byte) -1,
      (short) 300,
      chars,
      null,
      new StringBuilder("seq")
    };
    String[] want = call(before, args);
    String[] got = call(after, args);
    assertArrayEquals(want, got);
    // a few written out, so the comparison is of strings that mean what they should
    assertEquals("s[1, 2]", got[0]);
    assertEquals("a-7b1099511627776c0.1d1.5", got[1]);
    assertEquals("ctrue-1300", got[2]);
    assertEquals("\u0001 and \u0002 are recipe tags; s\u0002-7", got[3]);
    assertTrue(got[4].startsWith("2[C@"), got[4]);
    assertEquals("null|snull", got[5]);
    assertEquals("0,1,(at 1)2,", got[8]);
    assertEquals("init3", got[9]);
    assertEquals("sub-7:1099511627776", got[10]);
  }

  @Test
  void aJarWithoutCallSitesIsLeftAlone() throws Exception {
    Path classes = dir.resolve("classes/plain");
    Files.createDirectories(classes);
    Files.writeString(classes.resolve("note.txt"), "no classes here");
    Path jar = dir.resolve("plain.jar");
    jar(dir.resolve("classes"), jar);
    byte[] was = Files.readAllBytes(jar);

    String out = rewrite(jar);

    assertTrue(out.contains("no invokedynamic string concatenation"), out);
    assertArrayEquals(was, Files.readAllBytes(jar));
    assertTrue(Files.notExists(dir.resolve("plain.jar.rewrite")), "no temporary file left");
  }

  /** Runs the build step as pom.xml does: a source-file launch with ASM on the class path. */
  private static String rewrite(Path jar) throws IOException, InterruptedException {
    String cp =
        codeSource(ClassReader.class) + java.io.File.pathSeparator + codeSource(ClassNode.class);
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                cp,
                "src/build/java/dev/lockstep/build/ConcatRewrite.java",
                jar.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  private static String codeSource(Class<?> c) throws IOException {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
  }

  private static String[] call(Path jar, Object[] args) throws Exception {
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> shapes = Class.forName("sample.Shapes", true, loader);
      Method all =
          Stream.of(shapes.getMethods()).filter(m -> m.getName().equals("all")).findFirst().get();
      return (String[]) all.invoke(null, args);
    }
  }

  private static int concatSites(Path jar) throws IOException {
    int n = 0;
    try (JarFile f = new JarFile(jar.toFile())) {
      for (JarEntry e : f.stream().toList()) {
        if (!e.getName().endsWith(".class")) {
          continue;
        }
        ClassNode cn = new ClassNode();
        try (InputStream in = f.getInputStream(e)) {
          new ClassReader(in).accept(cn, 0);
        }
        for (MethodNode m : cn.methods) {
          for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof InvokeDynamicInsnNode indy
                && indy.bsm.getOwner().equals("java/lang/invoke/StringConcatFactory")) {
              n++;
            }
          }
        }
      }
    }
    return n;
  }

  private static void jar(Path classes, Path jar) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(classes)) {
      walk.filter(Files::isRegularFile).sorted().forEach(files::add);
    }
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(os)) {
      for (Path f : files) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
    }
  }
}

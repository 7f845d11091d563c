package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.ChildLockstep;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The table of picocli annotations the build writes from the compiled classes (src/build/java/.../
 * AnnotationTable.java) answers for every class, field and method exactly as the JDK reads the
 * class files, and with it a start generates no annotation proxy class.
 */
class BuildTimeAnnotationsTest {
  @TempDir Path tmp;

  @SuppressWarnings("unchecked")
  private static Function<AnnotatedElement, Annotation[]> table() throws Exception {
    Class<?> c = Class.forName(Main.ANNOTATION_TABLE);
    var ctor = c.getDeclaredConstructor();
    ctor.setAccessible(true);
    return (Function<AnnotatedElement, Annotation[]>) ctor.newInstance();
  }

  /** Every class compiled into the classes folder below {@code dir}, as the build step scans it. */
  private static List<Class<?>> classesBelow(String dir) throws Exception {
    Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes.resolve(dir))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String rel = classes.relativize(p).toString().replace('\\', '/');
        String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
        found.add(Class.forName(name, false, Main.class.getClassLoader()));
      }
    }
    return found;
  }

  private static List<Annotation> picocli(AnnotatedElement e) {
    return Arrays.stream(e.getDeclaredAnnotations())
        .filter(a -> a.annotationType().getDeclaringClass() == CommandLine.class)
        .sorted(Comparator.comparing(a -> a.annotationType().getName()))
        .toList();
  }

  @Test
  void answersForEveryElementAsTheJdkReadsIt() throws Exception {
    Function<AnnotatedElement, Annotation[]> table = table();
    int classesKnown = 0;
    int annotations = 0;
    List<Class<?>> all = new ArrayList<>(classesBelow("dev/lockstep/cli"));
    all.addAll(classesBelow("picocli"));
    for (Class<?> c : all) {
      if (c.getName().startsWith(Main.ANNOTATION_TABLE)) {
        continue;
      }
      List<AnnotatedElement> elements = new ArrayList<>();
      elements.add(c);
      elements.addAll(Arrays.asList(c.getDeclaredFields()));
      elements.addAll(Arrays.asList(c.getDeclaredMethods()));
      boolean annotated = elements.stream().anyMatch(e -> !picocli(e).isEmpty());
      if (table.apply(c) == null) {
        // a class without picocli annotations is left to the JDK, with all its members
        assertTrue(!annotated, c + " has picocli annotations the table does not know");
        continue;
      }
      classesKnown++;
      for (AnnotatedElement e : elements) {
        List<Annotation> jdk = picocli(e);
        Annotation[] ours = table.apply(e);
        assertNotNull(ours, e + ": a member of a known class is known");
        assertEquals(jdk.size(), ours.length, e + ": " + Arrays.toString(ours));
        for (int i = 0; i < ours.length; i++) {
          Annotation a = jdk.get(i);
          Annotation b = ours[i];
          assertEquals(a.annotationType(), b.annotationType(), e.toString());
          // the JDK's equality calls each of our members and compares the values
          assertEquals(a, b, e.toString());
          assertEquals(b, a, e.toString());
          assertEquals(a.hashCode(), b.hashCode(), e.toString());
          for (Method m : a.annotationType().getDeclaredMethods()) {
            Object x = m.invoke(a);
            Object y = m.invoke(b);
            assertArrayEquals(new Object[] {x}, new Object[] {y}, e + " " + m.getName());
          }
          annotations++;
        }
      }
    }
    // the commands, their mixins and picocli's own annotated classes
    assertTrue(classesKnown >= Main.COMMANDS.size() + 2, "classes known: " + classesKnown);
    assertTrue(annotations >= 100, "annotations compared: " + annotations);
  }

  @Test
  void leavesOtherElementsToTheJdk() throws Exception {
    Function<AnnotatedElement, Annotation[]> table = table();
    assertNull(table.apply(String.class));
    assertNull(table.apply(String.class.getMethod("length")));
    assertNull(table.apply(VerifyCommand.class.getPackage()));
    Field unannotated = Main.class.getDeclaredField("COMMANDS");
    assertNull(table.apply(unannotated), "Main has no picocli annotation: unknown");
    Method call = VerifyCommand.class.getDeclaredMethod("call");
    assertEquals(0, table.apply(call).length, "known class, member without annotation");
  }

  @Test
  void startGeneratesNoAnnotationProxy() throws Exception {
    // --help builds the model of every command, picocli's generate-completion included
    ChildLockstep.Loaded run = ChildLockstep.loadingClasses(tmp, "--help");
    assertTrue(run.run().stdout().contains("generate-completion"), run.run().stdout());
    List<String> loaded = run.classes();
    assertTrue(
        loaded.stream().anyMatch(l -> l.contains(Main.ANNOTATION_TABLE + " ")),
        "the table was not loaded");
    List<String> proxies = loaded.stream().filter(l -> l.contains("$Proxy")).toList();
    assertEquals(List.of(), proxies, "annotation proxy classes generated");
  }
}

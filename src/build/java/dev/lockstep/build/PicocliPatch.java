package dev.lockstep.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A build step, run on picocli's released {@code CommandLine.java} before it is compiled with
 * lockstep's classes: a few exact edits that keep picocli's behaviour and take start-up work out of
 * every run. Each edit must find its text exactly as often as it expects, or the build fails: a new
 * picocli release is read again, never patched by guess. Applying the step twice changes nothing.
 *
 * <ol>
 *   <li>A command's class hierarchy is read up to, not including, {@code Object}: reading it asked
 *       each of Object's methods for a {@code @Command} (before the command's own {@code
 *       addMethodSubcommands = false} is seen), which parsed their JDK annotations and generated
 *       two annotation proxy classes on every start. Object has no picocli annotation.
 *   <li>picocli's annotations are read through {@code CommandLine.KnownAnnotations}: where a table
 *       made at build time knows an element (lockstep's, see {@code AnnotationTable.java} beside
 *       this file), its answer is the annotations the JDK would parse, without the proxy class the
 *       JDK generates for each annotation type (about 30 ms of CPU per start); elsewhere, the JDK
 *       answers as before.
 * </ol>
 *
 * <p>Usage: {@code java PicocliPatch.java COMMANDLINE_JAVA}.
 */
public final class PicocliPatch {

  private PicocliPatch() {}

  /** Replaces {@code find} with {@code with}, which it expects {@code times} times. */
  record Edit(String find, String with, int times) {}

  private static final String KNOWN =
      """
          /**
           * lockstep: picocli's annotations of the classes a table made at build time knows, read
           * from it instead of parsed by the JDK (see lockstep's src/build/.../PicocliPatch.java).
           */
          public static final class KnownAnnotations {
              private static volatile java.util.function.Function<AnnotatedElement, Annotation[]> table;
              private KnownAnnotations() {}
              /** Uses {@code t}: the picocli annotations of an element it knows, null for others. */
              public static void use(java.util.function.Function<AnnotatedElement, Annotation[]> t) { table = t; }
              static boolean isPresent(AnnotatedElement e, Class<? extends Annotation> type) {
                  Annotation[] known = known(e, type);
                  return known == null ? e.isAnnotationPresent(type) : find(known, type) != null;
              }
              static <T extends Annotation> T get(AnnotatedElement e, Class<T> type) {
                  Annotation[] known = known(e, type);
                  return known == null ? e.getAnnotation(type) : find(known, type);
              }
              private static Annotation[] known(AnnotatedElement e, Class<? extends Annotation> type) {
                  java.util.function.Function<AnnotatedElement, Annotation[]> t = table;
                  return t == null || type.getDeclaringClass() != CommandLine.class ? null : t.apply(e);
              }
              private static <T extends Annotation> T find(Annotation[] known, Class<T> type) {
                  for (Annotation a : known) { if (a.annotationType() == type) { return type.cast(a); } }
                  return null;
              }
          }
      """;

  static final List<Edit> EDITS =
      List.of(
          new Edit(
              "while (cls != null) {\n" + " ".repeat(24) + "hierarchy.add(cls);",
              "while (cls != null && cls != Object.class) { // lockstep: see PicocliPatch.java\n"
                  + " ".repeat(24)
                  + "hierarchy.add(cls);",
              1),
          new Edit("\npublic class CommandLine {\n", "\npublic class CommandLine {\n" + KNOWN, 1),
          new Edit(
              "|| e.isAnnotationPresent(", "|| KnownAnnotations.isPresent(e, ", 7),
          new Edit(
              "return accessible.isAnnotationPresent(annotationClass);",
              "return KnownAnnotations.isPresent(accessible, annotationClass);",
              1),
          new Edit(
              "return accessible.getAnnotation(annotationClass);",
              "return KnownAnnotations.get(accessible, annotationClass);",
              1),
          new Edit(
              "Command cmd = cls.getAnnotation(Command.class);",
              "Command cmd = KnownAnnotations.get(cls, Command.class);",
              1));

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: PicocliPatch COMMANDLINE_JAVA");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    String before = Files.readString(file, StandardCharsets.UTF_8);
    String after = apply(before);
    if (!after.equals(before)) {
      Files.writeString(file, after, StandardCharsets.UTF_8);
    }
  }

  /** The source with every edit made; a source already patched comes back unchanged. */
  static String apply(String source) {
    String s = source;
    for (Edit e : EDITS) {
      if (count(s, e.with()) == e.times()) {
        continue; // applied before
      }
      int found = count(s, e.find());
      if (found != e.times()) {
        throw new IllegalStateException(
            "picocli's CommandLine.java has "
                + found
                + " (not "
                + e.times()
                + ") of the text this edit expects; read the new source again and update"
                + " src/build/java/dev/lockstep/build/PicocliPatch.java:\n"
                + e.find());
      }
      s = s.replace(e.find(), e.with());
    }
    return s;
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }
}

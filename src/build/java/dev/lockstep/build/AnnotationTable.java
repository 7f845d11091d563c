package dev.lockstep.build;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * A build step, run on the compiled classes: writes {@code dev/lockstep/cli/BuildTimeAnnotations.java},
 * a table of the picocli annotations on lockstep's command classes and picocli's own (on each class,
 * field and method), each value as the JDK reads it from the class file. The table is compiled into
 * the same classes and handed to picocli ({@code CommandLine.KnownAnnotations}, see {@link
 * PicocliPatch}), which then builds a command's model without asking the JDK: the JDK parses an
 * annotation into an instance of a proxy class it generates for each annotation type, five on
 * every start (about 30 ms of CPU, and a class-data-sharing archive cannot hold them).
 *
 * <p>A class's annotations are built the first time picocli asks for one of its elements; a class
 * value is loaded when asked for, as the JDK does. The table is derived, never edited: a test holds
 * it equal to what the JDK reads, element by element.
 *
 * <p>Usage: {@code java -cp CLASSPATH AnnotationTable.java CLASSES_DIR OUT_DIR}, the class path
 * holding the classes and their dependencies.
 */
public final class AnnotationTable {

  static final String PACKAGE = "dev.lockstep.cli";
  static final String NAME = "BuildTimeAnnotations";

  /** Where the table looks for annotated classes, below the classes directory. */
  static final List<String> SCANNED = List.of("dev/lockstep/cli", "picocli");

  private AnnotationTable() {}

  public static void main(String[] args) throws IOException, ClassNotFoundException {
    if (args.length != 2) {
      System.err.println("usage: AnnotationTable CLASSES_DIR OUT_DIR");
      System.exit(2);
    }
    Path classes = Path.of(args[0]);
    Path out = Path.of(args[1]).resolve(PACKAGE.replace('.', '/')).resolve(NAME + ".java");
    String source = source(table(classes, AnnotationTable.class.getClassLoader()));
    Files.createDirectories(out.getParent());
    // unchanged source, unchanged file: the compiler step after this one has nothing to do
    if (!Files.exists(out) || !Files.readString(out, StandardCharsets.UTF_8).equals(source)) {
      Files.writeString(out, source, StandardCharsets.UTF_8);
    }
  }

  /**
   * The classes below {@link #SCANNED} that carry a picocli annotation, by name, each with its
   * {@link #members}.
   */
  static Map<String, Map<String, List<Annotation>>> table(Path classes, ClassLoader loader)
      throws IOException, ClassNotFoundException {
    Map<String, Map<String, List<Annotation>>> found = new TreeMap<>();
    for (String dir : SCANNED) {
      Path root = classes.resolve(dir);
      if (!Files.isDirectory(root)) {
        continue;
      }
      List<String> names;
      try (Stream<Path> files = Files.walk(root)) {
        names =
            files
                .map(p -> classes.relativize(p).toString().replace('\\', '/'))
                .filter(p -> p.endsWith(".class") && !p.endsWith("-info.class"))
                .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                .sorted()
                .toList();
      }
      for (String name : names) {
        Map<String, List<Annotation>> members = members(Class.forName(name, false, loader));
        if (!members.isEmpty()) {
          found.put(name, members);
        }
      }
    }
    return found;
  }

  /**
   * A class's picocli annotations by element key: {@code ""} for the class, a field's name, a
   * method's {@link #key(Method)}; elements without one are left out.
   */
  static Map<String, List<Annotation>> members(Class<?> c) {
    Map<String, List<Annotation>> m = new LinkedHashMap<>();
    put(m, "", c);
    Arrays.stream(c.getDeclaredFields())
        .sorted(Comparator.comparing(Field::getName))
        .forEach(f -> put(m, f.getName(), f));
    Arrays.stream(c.getDeclaredMethods())
        .sorted(Comparator.comparing(AnnotationTable::key))
        .forEach(meth -> put(m, key(meth), meth));
    return m;
  }

  /** A method's key: its name and parameter types, as the generated table computes it. */
  static String key(Method m) {
    return m.getName()
        + Arrays.stream(m.getParameterTypes())
            .map(Class::getName)
            .collect(Collectors.joining(",", "(", ")"));
  }

  private static void put(Map<String, List<Annotation>> m, String key, AnnotatedElement e) {
    List<Annotation> picocli =
        Arrays.stream(e.getDeclaredAnnotations())
            .filter(a -> a.annotationType().getDeclaringClass() == CommandLine.class)
            .sorted(Comparator.comparing(a -> a.annotationType().getName()))
            .toList();
    if (!picocli.isEmpty()) {
      m.put(key, picocli);
    }
  }

  /** The generated source: {@code table} and a class per annotation type in it. */
  static String source(Map<String, Map<String, List<Annotation>>> table) {
    StringBuilder s = new StringBuilder();
    TreeSet<Class<? extends Annotation>> types = new TreeSet<>(Comparator.comparing(Class::getName));
    for (Map<String, List<Annotation>> m : table.values()) {
      m.values().forEach(list -> list.forEach(a -> types.add(a.annotationType())));
    }
    s.append(
        """
        // Generated by src/build/java/dev/lockstep/build/AnnotationTable.java from the compiled
        // classes, on every build: do not edit.
        package %s;

        import java.lang.annotation.Annotation;
        import java.lang.reflect.AnnotatedElement;
        import java.lang.reflect.Field;
        import java.lang.reflect.InvocationTargetException;
        import java.lang.reflect.Method;
        import java.util.Arrays;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.function.Function;
        import picocli.CommandLine;

        /** picocli's annotations on %d classes, as the JDK reads them; loading this class hands them to picocli. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        final class %s implements Function<AnnotatedElement, Annotation[]> {
          static {
            CommandLine.KnownAnnotations.use(new %s());
          }

          private static final Annotation[] NONE = {};
          private static final Map<String, Annotation[]> UNKNOWN = new HashMap<>();
          private static final Map<String, Map<String, Annotation[]>> BUILT = new HashMap<>();

          @Override
          public Annotation[] apply(AnnotatedElement e) {
            Class<?> owner;
            String key;
            if (e instanceof Class<?> c) {
              owner = c;
              key = "";
            } else if (e instanceof Field f) {
              owner = f.getDeclaringClass();
              key = f.getName();
            } else if (e instanceof Method m) {
              owner = m.getDeclaringClass();
              key = key(m);
            } else {
              return null;
            }
            Map<String, Annotation[]> of = owner(owner.getName());
            return of == UNKNOWN ? null : of.getOrDefault(key, NONE);
          }

          static String key(Method m) {
            StringBuilder k = new StringBuilder(m.getName()).append('(');
            Class<?>[] params = m.getParameterTypes();
            for (int i = 0; i < params.length; i++) {
              k.append(i == 0 ? "" : ",").append(params[i].getName());
            }
            return k.append(')').toString();
          }

          private static synchronized Map<String, Annotation[]> owner(String name) {
            Map<String, Annotation[]> of = BUILT.get(name);
            if (of == null) {
              of = build(name);
              BUILT.put(name, of);
            }
            return of;
          }

          private static Map<String, Annotation[]> build(String name) {
            switch (name) {
        """
            .formatted(PACKAGE, table.size(), NAME, NAME));
    int i = 0;
    for (String name : table.keySet()) {
      s.append("      case ").append(literal(name)).append(":\n");
      s.append("        return c").append(i++).append("();\n");
    }
    s.append(
        """
              default:
                return UNKNOWN;
            }
          }
        """);
    i = 0;
    for (Map.Entry<String, Map<String, List<Annotation>>> e : table.entrySet()) {
      s.append("\n  /** ").append(e.getKey().replace("$", ".")).append(" */\n");
      s.append("  private static Map<String, Annotation[]> c").append(i++).append("() {\n");
      s.append("    Map<String, Annotation[]> m = new HashMap<>();\n");
      for (Map.Entry<String, List<Annotation>> member : e.getValue().entrySet()) {
        s.append("    m.put(").append(literal(member.getKey())).append(", new Annotation[] {");
        String sep = "";
        for (Annotation a : member.getValue()) {
          s.append(sep).append("\n        ").append(instance(a));
          sep = ",";
        }
        s.append("});\n");
      }
      s.append("    return m;\n  }\n");
    }
    s.append(
        """

          /** An annotation's values, in the order of its members' names; equal to the JDK's instance. */
          private abstract static class Values implements Annotation {
            final Object[] v;

            Values(Object[] v) {
              this.v = v;
            }

            static Class type(String name) {
              switch (name) {
                case "boolean": return boolean.class;
                case "byte": return byte.class;
                case "char": return char.class;
                case "short": return short.class;
                case "int": return int.class;
                case "long": return long.class;
                case "float": return float.class;
                case "double": return double.class;
                case "void": return void.class;
                default:
                  try {
                    return Class.forName(name, false, Values.class.getClassLoader());
                  } catch (ClassNotFoundException e) {
                    throw new TypeNotPresentException(name, e);
                  }
              }
            }

            static Class[] types(String[] names) {
              Class[] t = new Class[names.length];
              for (int i = 0; i < names.length; i++) {
                t[i] = type(names[i]);
              }
              return t;
            }

            private Method[] members() {
              Method[] m = annotationType().getDeclaredMethods();
              Arrays.sort(m, (a, b) -> a.getName().compareTo(b.getName()));
              return m;
            }

            private static Object call(Method m, Object on) {
              try {
                m.setAccessible(true);
                return m.invoke(on);
              } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
              }
            }

            @Override
            public boolean equals(Object o) {
              if (o == this) {
                return true;
              }
              if (!annotationType().isInstance(o)) {
                return false;
              }
              for (Method m : members()) {
                if (!Arrays.deepEquals(new Object[] {call(m, this)}, new Object[] {call(m, o)})) {
                  return false;
                }
              }
              return true;
            }

            @Override
            public int hashCode() {
              int h = 0;
              for (Method m : members()) {
                int value = Arrays.deepHashCode(new Object[] {call(m, this)}) - 31;
                h += (127 * m.getName().hashCode()) ^ value;
              }
              return h;
            }

            @Override
            public String toString() {
              StringBuilder s = new StringBuilder("@").append(annotationType().getName()).append('(');
              String sep = "";
              for (Method m : members()) {
                Object value = call(m, this);
                s.append(sep).append(m.getName()).append('=')
                    .append(value instanceof Object[] a ? Arrays.toString(a) : String.valueOf(value));
                sep = ", ";
              }
              return s.append(')').toString();
            }
          }
        """);
    for (Class<? extends Annotation> type : types) {
      s.append('\n').append(implementation(type));
    }
    s.append("}\n");
    return s.toString();
  }

  private static List<Method> membersOf(Class<? extends Annotation> type) {
    return Arrays.stream(type.getDeclaredMethods())
        .sorted(Comparator.comparing(Method::getName))
        .toList();
  }

  private static String implName(Class<? extends Annotation> type) {
    return type.getSimpleName() + "Values";
  }

  /** The class that implements {@code type} over its values. */
  private static String implementation(Class<? extends Annotation> type) {
    StringBuilder s = new StringBuilder();
    String canonical = type.getCanonicalName();
    s.append("  private static final class ")
        .append(implName(type))
        .append(" extends Values implements ")
        .append(canonical)
        .append(" {\n");
    s.append("    ").append(implName(type)).append("(Object... v) {\n      super(v);\n    }\n\n");
    s.append("    @Override\n    public Class<? extends Annotation> annotationType() {\n")
        .append("      return ")
        .append(canonical)
        .append(".class;\n    }\n");
    List<Method> members = membersOf(type);
    for (int i = 0; i < members.size(); i++) {
      Method m = members.get(i);
      Class<?> r = m.getReturnType();
      String value = "v[" + i + "]";
      String returned;
      String declared;
      if (r == Class.class) {
        declared = "Class";
        returned = "type((String) " + value + ")";
      } else if (r == Class[].class) {
        declared = "Class[]";
        returned = "types((String[]) " + value + ")";
      } else if (r.isArray()) {
        declared = r.getComponentType().getCanonicalName() + "[]";
        returned = "((" + declared + ") " + value + ").clone()";
      } else if (r.isPrimitive()) {
        declared = r.getName();
        returned = "(" + boxed(r) + ") " + value;
      } else {
        declared = r.getCanonicalName();
        returned = "(" + declared + ") " + value;
      }
      s.append("\n    @Override\n    public ")
          .append(declared)
          .append(' ')
          .append(m.getName())
          .append("() {\n      return ")
          .append(returned)
          .append(";\n    }\n");
    }
    return s.append("  }\n").toString();
  }

  /** {@code new XValues(v0, v1, ...)}: the annotation's values as Java source. */
  private static String instance(Annotation a) {
    List<Method> members = membersOf(a.annotationType());
    List<String> values = new ArrayList<>();
    for (Method m : members) {
      Object v;
      try {
        v = m.invoke(a);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(a + "." + m.getName(), e);
      }
      values.add(value(v, a.annotationType().getName() + "." + m.getName()));
    }
    return "new " + implName(a.annotationType()) + "(" + String.join(", ", values) + ")";
  }

  private static String value(Object v, String where) {
    if (v instanceof String str) {
      return literal(str);
    }
    if (v instanceof Class<?> c) {
      return literal(c.getName());
    }
    if (v instanceof Boolean || v instanceof Integer) {
      return v.toString();
    }
    if (v instanceof Long l) {
      return l + "L";
    }
    if (v instanceof Character ch) {
      return "(char) " + (int) ch;
    }
    if (v instanceof Enum<?> e) {
      return e.getDeclaringClass().getCanonicalName() + "." + e.name();
    }
    if (v instanceof Class<?>[] cs) {
      return "new String[] {"
          + Arrays.stream(cs).map(c -> literal(c.getName())).collect(Collectors.joining(", "))
          + "}";
    }
    if (v != null && v.getClass().isArray() && !v.getClass().getComponentType().isPrimitive()) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < Array.getLength(v); i++) {
        items.add(value(Array.get(v, i), where));
      }
      return "new "
          + v.getClass().getComponentType().getCanonicalName()
          + "[] {"
          + String.join(", ", items)
          + "}";
    }
    throw new IllegalStateException(
        where + ": a value of type " + (v == null ? "null" : v.getClass().getName())
            + " the table cannot write; extend AnnotationTable.value");
  }

  private static String boxed(Class<?> primitive) {
    return switch (primitive.getName()) {
      case "int" -> "Integer";
      case "char" -> "Character";
      default -> Character.toUpperCase(primitive.getName().charAt(0)) + primitive.getName().substring(1);
    };
  }

  /** A Java string literal of {@code s}: ASCII, every other character escaped. */
  static String literal(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}

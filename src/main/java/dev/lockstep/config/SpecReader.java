package dev.lockstep.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.model.Problem;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps YAML trees onto {@code *Spec} records, turning every unknown key and wrong type into a
 * {@link Problem} at its position instead of stopping at the first one.
 *
 * <p>The records are read by their components, by hand: the rules are those of Jackson databind
 * with {@code FAIL_ON_UNKNOWN_PROPERTIES} (scalars convert to text, whole numbers and true/false as
 * Jackson converts them; a value of the wrong shape for a text, number, flag or list is reported
 * and read as absent; one of the wrong shape for a mapping stops the entry), without building a
 * databind mapper and its deserializers on every run.
 */
final class SpecReader {
  private static final String TYPE_FIX = "see docs/graph-format.md";
  private static final String QUOTE_FIX = "quote the value, e.g. tag: \"v{version}\"";

  private static final Map<Class<?>, Shape> SHAPES = new java.util.concurrent.ConcurrentHashMap<>();

  private final SourceMap positions;
  private final List<Problem> problems;

  SpecReader(SourceMap positions, List<Problem> problems) {
    this.positions = positions;
    this.problems = problems;
  }

  /**
   * Reads {@code node} (found at {@code path}) as {@code type}; empty after recording a problem.
   */
  <T> Optional<T> read(JsonNode node, String path, Class<T> type) {
    try {
      return Optional.ofNullable(type.cast(value(node, type, new At(path))));
    } catch (Stop s) {
      problems.add(s.problem);
      return Optional.empty();
    }
  }

  /** Ends the reading of an entry, as a value that cannot be read at all does. */
  private static final class Stop extends RuntimeException {
    private final transient Problem problem;

    Stop(Problem problem) {
      super(problem.message(), null, false, false);
      this.problem = problem;
    }
  }

  private Object value(JsonNode node, Type type, At path) {
    if (type == JsonNode.class) {
      return node;
    }
    if (node.isNull()) {
      return null;
    }
    if (type == String.class) {
      return text(node, path);
    }
    if (type == Integer.class) {
      return whole(node, path);
    }
    if (type == Boolean.class) {
      return flag(node, path);
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class) {
        return list(node, args[0], path);
      }
      if (raw == Map.class) {
        return map(node, args[1], path);
      }
    }
    if (type == ArtifactSpec.class) {
      return artifact(node, path);
    }
    if (type instanceof Class<?> c && c.isRecord()) {
      return record(node, c, path);
    }
    throw new IllegalStateException("no reader for " + type);
  }

  private String text(JsonNode node, At path) {
    if (node.isArray() || node.isObject()) {
      return wrongShape(node, String.class, path);
    }
    return node.asText();
  }

  private Integer whole(JsonNode node, At path) {
    if (node.isArray() || node.isObject() || node.isBoolean() || node.isBinary()) {
      return wrongShape(node, Integer.class, path);
    }
    if (node.isNumber() && !node.canConvertToInt()) {
      throw new Stop(
          Problem.at(
              positions.at(path.path()),
              "Numeric value ("
                  + node.asText()
                  + ") out of range of int ("
                  + Integer.MIN_VALUE
                  + " - "
                  + Integer.MAX_VALUE
                  + ")",
              ""));
    }
    if (node.isNumber()) {
      return node.intValue();
    }
    String s = node.asText().trim();
    if (s.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(s);
    } catch (NumberFormatException e) {
      return weird(Integer.class, node.asText(), path);
    }
  }

  private Boolean flag(JsonNode node, At path) {
    if (node.isArray() || node.isObject() || node.isFloatingPointNumber() || node.isBinary()) {
      return wrongShape(node, Boolean.class, path);
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.intValue() != 0;
    }
    String s = node.asText().trim();
    if (s.isEmpty()) {
      return null;
    }
    if (s.equals("true") || s.equals("True") || s.equals("TRUE")) {
      return true;
    }
    if (s.equals("false") || s.equals("False") || s.equals("FALSE")) {
      return false;
    }
    return weird(Boolean.class, node.asText(), path);
  }

  private List<Object> list(JsonNode node, Type element, At path) {
    if (node.isTextual() && element == String.class) {
      throw stop(path, List.class); // text is never coerced to a list of texts
    }
    if (!node.isArray()) {
      return wrongShape(node, List.class, path);
    }
    List<Object> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(value(node.get(i), element, new At(path, null, i)));
    }
    return out;
  }

  private Map<String, Object> map(JsonNode node, Type valueType, At path) {
    if (!node.isObject()) {
      throw stop(path, Map.class);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      out.put(e.getKey(), value(e.getValue(), valueType, new At(path, e.getKey(), 0)));
    }
    return out;
  }

  private Object artifact(JsonNode node, At path) {
    String id;
    if (node.isArray()) {
      // As Jackson read a list: its first element names the kind.
      JsonNode first = node.size() == 0 ? null : node.get(0);
      if (first == null || first.isContainerNode()) {
        throw new Stop(
            Problem.at(positions.at(path.path()), "wrong type: expected a string", TYPE_FIX));
      }
      id = first.asText();
    } else {
      JsonNode kind = node.isObject() ? node.get("kind") : null;
      id = kind == null || kind.isNull() || kind.isContainerNode() ? null : kind.asText();
    }
    Class<?> type = id == null ? null : ArtifactSpec.TYPES.get(id);
    if (type != null && node.isArray()) {
      throw stop(path, type); // a list is never an artifact, whatever it starts with
    }
    if (type == null) {
      throw new Stop(
          Problem.at(
              positions.at(SourceMap.child(path.path(), "kind")),
              id == null ? "missing 'kind'" : "unknown kind '" + id + "'",
              "use kind: " + String.join(", ", ArtifactSpec.KINDS)));
    }
    return record(node, type, path);
  }

  private Object record(JsonNode node, Class<?> type, At path) {
    if (!node.isObject()) {
      throw stop(path, type);
    }
    Shape shape = SHAPES.computeIfAbsent(type, Shape::of);
    Object[] args = new Object[shape.types.length];
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      Integer i = shape.index.get(key);
      At at = new At(path, key, 0);
      if (i == null) {
        if (!(key.equals("kind") && ArtifactSpec.class.isAssignableFrom(type))) {
          problems.add(
              Problem.at(
                  positions.at(at.path()),
                  "unknown key '" + key + "'",
                  Suggest.hint(key, shape.known)));
        }
        continue;
      }
      args[i] = value(e.getValue(), shape.types[i], at);
    }
    return shape.make(args);
  }

  /** A value of the wrong shape for a text, number, flag or list: reported, read as absent. */
  private <T> T wrongShape(JsonNode node, Class<?> expected, At path) {
    problems.add(
        Problem.at(
            positions.at(path.path()),
            "wrong type: expected " + describe(expected) + ", found " + found(node),
            expected == String.class ? QUOTE_FIX : TYPE_FIX));
    return null;
  }

  /** Text that is not a number or a flag where one is expected: reported, read as absent. */
  private <T> T weird(Class<?> expected, String value, At path) {
    problems.add(
        Problem.at(
            positions.at(path.path()),
            "wrong type: expected " + describe(expected) + ", found '" + value + "'",
            TYPE_FIX));
    return null;
  }

  /** A value that is not a mapping where a mapping is expected: the entry cannot be read. */
  private Stop stop(At path, Class<?> expected) {
    return new Stop(
        Problem.at(
            positions.at(path.path()),
            "wrong type: expected " + describe(expected),
            expected == String.class ? QUOTE_FIX : TYPE_FIX));
  }

  private static String found(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return "a single value";
  }

  private static String describe(Class<?> t) {
    if (List.class.isAssignableFrom(t)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(t) || t.isRecord()) {
      return "a mapping";
    }
    if (t == Integer.class || t == int.class) {
      return "a whole number";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "true or false";
    }
    return "a string";
  }

  /**
   * Where a value is: its parent and key or index, joined into a path ({@link SourceMap#child})
   * only when a problem names it.
   */
  private static final class At {
    private final At parent;
    private final String key;
    private final int index;
    private String path;

    At(String path) {
      this(null, null, 0);
      this.path = path;
    }

    At(At parent, String key, int index) {
      this.parent = parent;
      this.key = key;
      this.index = index;
    }

    String path() {
      if (path == null) {
        path =
            key != null
                ? SourceMap.child(parent.path(), key)
                : SourceMap.index(parent.path(), index);
      }
      return path;
    }
  }

  /** A record's keys, their types and its canonical constructor. */
  private static final class Shape {
    final Map<String, Integer> index = new HashMap<>();
    final List<String> known = new ArrayList<>();
    final Type[] types;
    final Constructor<?> constructor;

    private Shape(Class<?> type) {
      RecordComponent[] cs = type.getRecordComponents();
      types = new Type[cs.length];
      Class<?>[] raw = new Class<?>[cs.length];
      for (int i = 0; i < cs.length; i++) {
        index.put(cs[i].getName(), i);
        known.add(cs[i].getName());
        types[i] = cs[i].getGenericType();
        raw[i] = cs[i].getType();
      }
      try {
        constructor = type.getDeclaredConstructor(raw);
        constructor.setAccessible(true);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }

    static Shape of(Class<?> type) {
      return new Shape(type);
    }

    Object make(Object[] args) {
      try {
        return constructor.newInstance(args);
      } catch (InstantiationException | IllegalAccessException e) {
        throw new IllegalStateException(e);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
  }
}

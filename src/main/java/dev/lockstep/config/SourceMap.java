package dev.lockstep.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lockstep.model.Problem;
import dev.lockstep.model.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Positions of every key and value of a YAML file by path ({@code artifacts.api.uses[0].to}), read
 * in one streaming pass. Semantic errors found later are reported at these positions. The same pass
 * reports duplicate keys, which Jackson's tree would silently merge, and builds the tree of the
 * first document, so the text is parsed once.
 */
final class SourceMap {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final Path file;
  private final Map<String, Source> positions;

  /** The first document as a tree, as Jackson's {@code readTree} builds it; null when empty. */
  private JsonNode root;

  private SourceMap(Path file, int size) {
    this.file = file;
    this.positions = new HashMap<>(Math.max(16, size / 16)); // a key or item per ~20 characters
  }

  /**
   * Reads {@code text} once: positions, duplicate keys and extra documents, and the tree of the
   * first document ({@link #root}).
   */
  static SourceMap read(Path file, String text, YAMLFactory factory, List<Problem> problems)
      throws IOException {
    SourceMap map = new SourceMap(file, text.length());
    try (JsonParser p = factory.createParser(text)) {
      map.walk(p, problems);
    }
    return map;
  }

  /** Joins a path and a key the way {@link #at} expects. */
  static String child(String path, String key) {
    String k = plain(key) ? key : "[\"" + key + "\"]";
    if (path.isEmpty()) {
      return k;
    }
    return k.startsWith("[") ? path + k : path + "." + k;
  }

  /** A key written as is in a path: {@code [A-Za-z0-9_-]+}. */
  private static boolean plain(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '_'
          || c == '-')) {
        return false;
      }
    }
    return true;
  }

  static String index(String path, int i) {
    return path + "[" + i + "]";
  }

  /** The first document's value, built in the same pass; null when the text holds none. */
  JsonNode root() {
    return root;
  }

  boolean has(String path) {
    return positions.containsKey(path);
  }

  /**
   * The one recorded path under {@code prefix} whose last key is {@code key}, if there is exactly
   * one.
   */
  java.util.Optional<String> unique(String prefix, String key) {
    String last = child("", key);
    java.util.List<String> hits =
        positions.keySet().stream()
            .filter(
                p ->
                    p.startsWith(prefix)
                        && (p.endsWith("." + last)
                            || p.endsWith(last) && last.startsWith("[")
                            || p.equals(last)))
            .toList();
    return hits.size() == 1 ? java.util.Optional.of(hits.get(0)) : java.util.Optional.empty();
  }

  /** The position of {@code path}, or of its nearest ancestor that has one. */
  Source at(String path) {
    String p = path;
    while (true) {
      Source s = positions.get(p);
      if (s != null) {
        return Source.at(file, s.line(), s.column(), path);
      }
      if (p.isEmpty()) {
        return Source.at(file, 1, 1, path);
      }
      p = parent(p);
    }
  }

  private static String parent(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    return cut <= 0 ? "" : path.substring(0, cut);
  }

  private void walk(JsonParser p, List<Problem> problems) throws IOException {
    // One frame per open container: its path, the next index (arrays), the keys seen (objects)
    // and, in the first document, the node being built.
    record Frame(
        String path,
        boolean array,
        int[] next,
        Set<String> keys,
        Map<String, Integer> lines,
        ContainerNode<?> node) {}
    Deque<Frame> stack = new ArrayDeque<>();
    String pendingPath = "";
    String pendingKey = null;
    int documents = 0;
    // A value the tree cannot take (a number over the limits) fails the read after the whole
    // text was walked, as when the tree was read in a second pass.
    IOException unreadable = null;
    JsonToken t;
    while ((t = p.nextToken()) != null) {
      Frame top = stack.peek();
      if (top == null && ++documents == 2) {
        JsonLocation loc = p.currentTokenLocation();
        problems.add(
            Problem.at(
                Source.at(file, loc.getLineNr(), loc.getColumnNr(), ""),
                "a graph file holds one YAML document; another starts here",
                "merge it into the first, or move it to its own file"));
      }
      if (t == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        pendingKey = key;
        pendingPath = child(top.path(), key);
        JsonLocation loc = p.currentTokenLocation();
        Integer firstLine = top.lines().get(key);
        if (!top.keys().add(key)) {
          problems.add(
              Problem.at(
                  Source.at(file, loc.getLineNr(), loc.getColumnNr(), pendingPath),
                  "duplicate key '" + key + "' (first at line " + firstLine + ")",
                  "remove or rename one of them"));
        } else {
          top.lines().put(key, loc.getLineNr());
        }
        positions.putIfAbsent(
            pendingPath, Source.at(file, loc.getLineNr(), loc.getColumnNr(), pendingPath));
        continue;
      }
      if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
        stack.pop();
        continue;
      }
      String path;
      if (top == null) {
        path = "";
      } else if (top.array()) {
        path = index(top.path(), top.next()[0]++);
        JsonLocation loc = p.currentTokenLocation();
        positions.putIfAbsent(path, Source.at(file, loc.getLineNr(), loc.getColumnNr(), path));
      } else {
        path = pendingPath;
      }
      boolean building = documents == 1;
      JsonNode value;
      if (t == JsonToken.START_OBJECT) {
        ObjectNode o = building ? NODES.objectNode() : null;
        stack.push(new Frame(path, false, new int[1], new HashSet<>(), new HashMap<>(), o));
        value = o;
      } else if (t == JsonToken.START_ARRAY) {
        ArrayNode a = building ? NODES.arrayNode() : null;
        stack.push(new Frame(path, true, new int[1], Set.of(), Map.of(), a));
        value = a;
      } else if (building) {
        try {
          value = scalar(p, t);
        } catch (JsonProcessingException e) {
          unreadable = unreadable == null ? e : unreadable;
          value = NODES.nullNode();
        }
      } else {
        value = null;
      }
      if (!building) {
        continue;
      }
      if (top == null) {
        root = value;
      } else if (top.node() instanceof ArrayNode a) {
        a.add(value);
      } else {
        // A repeated key keeps its last value, as readTree does (the repeat is reported above).
        ((ObjectNode) top.node()).replace(pendingKey, value);
      }
    }
    if (unreadable != null) {
      throw unreadable;
    }
  }

  /** A scalar as Jackson's tree reader makes it: the parser's own number types, text as is. */
  private static JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return switch (p.getNumberType()) {
          case INT -> NODES.numberNode(p.getIntValue());
          case LONG -> NODES.numberNode(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return switch (p.getNumberTypeFP()) {
          case BIG_DECIMAL -> NODES.numberNode(p.getDecimalValue());
          case FLOAT32 -> NODES.numberNode(p.getFloatValue());
          default -> NODES.numberNode(p.getDoubleValue());
        };
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT:
        Object o = p.getEmbeddedObject();
        if (o == null) {
          return NODES.nullNode();
        }
        return o instanceof byte[] b ? NODES.binaryNode(b) : NODES.pojoNode(o);
      default:
        throw new IllegalStateException("unexpected YAML token " + t);
    }
  }
}

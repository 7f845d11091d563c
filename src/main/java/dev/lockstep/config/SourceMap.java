package dev.lockstep.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.regex.Pattern;

/**
 * Positions of every key and value of a YAML file by path ({@code artifacts.api.uses[0].to}), read
 * in one streaming pass. Semantic errors found later are reported at these positions. The same pass
 * reports duplicate keys, which Jackson's tree would silently merge.
 */
final class SourceMap {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");
  private final Path file;
  private final Map<String, Source> positions = new HashMap<>();

  private SourceMap(Path file) {
    this.file = file;
  }

  static SourceMap read(Path file, String text, YAMLFactory factory, List<Problem> problems)
      throws IOException {
    SourceMap map = new SourceMap(file);
    try (JsonParser p = factory.createParser(text)) {
      map.walk(p, problems);
    }
    return map;
  }

  /** Joins a path and a key the way {@link #at} expects. */
  static String child(String path, String key) {
    String k = PLAIN_KEY.matcher(key).matches() ? key : "[\"" + key + "\"]";
    if (path.isEmpty()) {
      return k;
    }
    return k.startsWith("[") ? path + k : path + "." + k;
  }

  static String index(String path, int i) {
    return path + "[" + i + "]";
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
    // One frame per open container: its path, the next index (arrays) and the keys seen (objects).
    record Frame(
        String path, boolean array, int[] next, Set<String> keys, Map<String, Integer> lines) {}
    Deque<Frame> stack = new ArrayDeque<>();
    String pendingPath = "";
    int documents = 0;
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
      if (t == JsonToken.START_OBJECT) {
        stack.push(new Frame(path, false, new int[1], new HashSet<>(), new HashMap<>()));
      } else if (t == JsonToken.START_ARRAY) {
        stack.push(new Frame(path, true, new int[1], Set.of(), Map.of()));
      }
    }
  }
}

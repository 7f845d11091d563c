package dev.lockstep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lockstep.model.Problem;
import dev.lockstep.model.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SourceMap#at} walks a tree of positions by the parts of a path; it must answer as a lookup
 * by the whole path string does: the recorded position, else that of the nearest recorded ancestor.
 */
class SourceMapAtTest {

  /**
   * Positions by whole path, the first one recorded for each, from Jackson's own token stream: the
   * map the tree of positions replaced, kept here as the answer to check it against.
   */
  private static Map<String, String> byJackson(String text) throws Exception {
    Map<String, String> out = new HashMap<>();
    Deque<String> paths = new ArrayDeque<>();
    Deque<int[]> next = new ArrayDeque<>(); // null entry: an object
    Deque<Boolean> arrays = new ArrayDeque<>();
    String pending = "";
    try (JsonParser p = GraphLoader.factory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        String at =
            p.currentTokenLocation().getLineNr() + ":" + p.currentTokenLocation().getColumnNr();
        if (t == JsonToken.FIELD_NAME) {
          pending = SourceMap.child(paths.peek(), p.currentName());
          out.putIfAbsent(pending, at);
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          paths.pop();
          next.pop();
          arrays.pop();
          continue;
        }
        String path;
        if (paths.isEmpty()) {
          path = "";
        } else if (arrays.peek()) {
          path = SourceMap.index(paths.peek(), next.peek()[0]++);
          out.putIfAbsent(path, at);
        } else {
          path = pending;
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          paths.push(path);
          next.push(new int[1]);
          arrays.push(t == JsonToken.START_ARRAY);
        }
      }
    }
    return out;
  }

  /** The answer of a map from whole paths to positions, walking up one part at a time. */
  private static String byWholePath(Map<String, String> positions, String path) {
    String p = path;
    while (true) {
      String s = positions.get(p);
      if (s != null) {
        return s;
      }
      if (p.isEmpty()) {
        return "1:1";
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut <= 0 ? "" : p.substring(0, cut);
    }
  }

  private static void sameAnswers(String text) throws Exception {
    SourceMap map =
        SourceMap.read(Path.of("g.yaml"), text, GraphLoader.factory(), new ArrayList<Problem>());
    Map<String, String> positions = byJackson(text);
    Map<String, String> spelled = new HashMap<>();
    map.positions().forEach((k, v) -> spelled.put(k, lineColumn(v)));
    assertEquals(positions, spelled, "the tree holds the positions a whole-path map held");
    int asked = 0;
    for (String path : positions.keySet()) {
      // a key part that holds '.' or '[' is cut inside by the whole-path walk up; only the exact
      // path is compared for those
      boolean cuttable = !path.contains("\"");
      List<String> asks =
          cuttable
              ? List.of(path, path + ".nope", path + "[99]", path + "[\"no pe\"].x", path + "[x")
              : List.of(path);
      for (String ask : asks) {
        Source s = map.at(ask);
        assertEquals(byWholePath(positions, ask), s.line() + ":" + s.column(), ask);
        assertEquals(ask, s.yamlPath(), "the path asked for is the one named");
        asked++;
      }
    }
    assertEquals("1:1", lineColumn(map.at("")));
    assertEquals("1:1", lineColumn(map.at("nothing.here")));
    assertTrue(asked >= positions.size(), "every recorded path was asked for");
  }

  private static String lineColumn(Source s) {
    return s.line() + ":" + s.column();
  }

  @Test
  void theGraphsOfThisRepoAnswerAsByWholePath() throws Exception {
    for (String file : List.of("graph/lockstep.yaml", "graph/examples/kubestellar.yaml")) {
      sameAnswers(Files.readString(Path.of(file)));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a: 1\na: 2\nb: { c: 1, c: [ 1, 2 ] }\nb: { c: [ 9, 8, 7 ], d: 4 }\n",
        "- 1\n- [ a, { b: c } ]\n- ''\n",
        "a: { k: 1 }\n---\na: { j: 2 }\nz: [ 1 ]\n",
        "\"my.repo\": { path: x }\n\"a b\": [ 1, { c: 2 } ]\n\"\": 3\n\"x[0]\": 4\n",
        "mirrors: { docker.io: mirror.example/dockerhub, \"ghcr.io/o\": m.example/o }\n",
      })
  void oddKeysDuplicatesAndDocumentsAnswerAsByWholePath(String text) throws Exception {
    sameAnswers(text);
  }

  @Test
  void aQuotedKeyThatStartsAnotherIsTakenWhole() throws Exception {
    // "p q" is a prefix of "p q\"].r" as written in a path: the longer key must win
    StringBuilder text = new StringBuilder("m:\n");
    List<String> keys = List.of("p q", "s t", "v w", "k l", "g h");
    for (String k : keys) {
      text.append("  \"").append(k).append("\": { x: 1 }\n");
      text.append("  \"").append(k).append("\\\"].r\": { x: 2 }\n");
    }
    SourceMap map =
        SourceMap.read(
            Path.of("g.yaml"), text.toString(), GraphLoader.factory(), new ArrayList<Problem>());
    for (int i = 0; i < keys.size(); i++) {
      String longer = SourceMap.child(SourceMap.child("m", keys.get(i) + "\"].r"), "x");
      assertEquals(3 + 2 * i, map.at(longer).line(), longer);
    }
  }

  @Test
  void quotedKeysAreFoundWhateverTheyHold() throws Exception {
    String text = "m:\n  \"a\\\"]b\": { x: 1 }\n  \"a\": { x: 2 }\n  \"d.e[1]\":\n    - q\n";
    SourceMap map =
        SourceMap.read(Path.of("g.yaml"), text, GraphLoader.factory(), new ArrayList<Problem>());
    assertEquals("2:14", lineColumn(map.at(SourceMap.child(SourceMap.child("m", "a\"]b"), "x"))));
    assertEquals("3:10", lineColumn(map.at(SourceMap.child(SourceMap.child("m", "a"), "x"))));
    assertEquals("5:7", lineColumn(map.at(SourceMap.index(SourceMap.child("m", "d.e[1]"), 0))));
  }
}

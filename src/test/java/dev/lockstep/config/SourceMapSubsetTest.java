package dev.lockstep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.locate.YamlSubset;
import dev.lockstep.model.Problem;
import dev.lockstep.testing.DemoWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SourceMap#read} gives what Jackson's parser gives ({@link SourceMap#readWithJackson}) for
 * every graph text: the same positions, problems, tree (with the same node types) and failures,
 * whether {@link YamlSubset} read the text or declined it.
 */
class SourceMapSubsetTest {
  private static final Path FILE = Path.of("/tmp/g/lockstep.yaml");

  @Test
  void readsEveryGeneratedGraphAsJacksonDoes() {
    int subset = 0;
    int total = 0;
    for (String place : SpecReaderTest.PLACES) {
      for (String value : SpecReaderTest.VALUES) {
        String text = place.replace("%s", value);
        total++;
        subset += same(text) ? 1 : 0;
      }
    }
    assertTrue(subset * 10 > total * 8, subset + " of " + total + " read through the subset");
  }

  @Test
  void readsTheProjectsGraphsAndEditsOfThemAsJacksonDoes() throws IOException {
    List<String> seeds =
        new ArrayList<>(
            List.of(
                Files.readString(Path.of("graph/lockstep.yaml")),
                Files.readString(Path.of("graph/examples/kubestellar.yaml")),
                DemoWorkspace.GRAPH));
    for (String s : seeds) {
      assertTrue(same(s), "the subset reads " + s.substring(0, 40));
    }
    Random random = new Random(5);
    String edits = " :-#'\"[]{},\n\n  xq1&*!|>?%.~";
    int subset = 0;
    int total = 4000;
    for (int i = 0; i < total; i++) {
      StringBuilder b = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
      for (int e = 1 + random.nextInt(3); e > 0; e--) {
        int at = random.nextInt(b.length());
        switch (random.nextInt(3)) {
          case 0 -> b.insert(at, edits.charAt(random.nextInt(edits.length())));
          case 1 -> b.deleteCharAt(at);
          default -> b.setCharAt(at, edits.charAt(random.nextInt(edits.length())));
        }
      }
      subset += same(b.toString()) ? 1 : 0;
    }
    assertTrue(subset > total / 3, subset + " of " + total + " read through the subset");
  }

  /** Whether the subset read {@code text}; either way, the result must be Jackson's. */
  private static boolean same(String text) {
    String expected = outcome(text, true);
    String actual = outcome(text, false);
    assertEquals(expected, actual, text);
    return YamlSubset.compose(text) != null && !actual.startsWith("failed");
  }

  private static String outcome(String text, boolean jackson) {
    List<Problem> problems = new ArrayList<>();
    SourceMap map;
    try {
      map =
          jackson
              ? SourceMap.readWithJackson(FILE, text, GraphLoader.factory(), problems)
              : SourceMap.read(FILE, text, GraphLoader.factory(), problems);
    } catch (IOException | RuntimeException e) {
      return "failed " + e.getClass().getName() + ": " + e.getMessage() + "\n" + problems;
    }
    StringBuilder out = new StringBuilder();
    out.append(problems).append('\n');
    map.positions().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> out.append(e.getKey()).append(" = ").append(e.getValue()).append('\n'));
    types(map.root(), out);
    return out.toString();
  }

  /** The tree with each node's class, so an int read as a long differs. */
  private static void types(JsonNode node, StringBuilder out) {
    if (node == null) {
      out.append("null-root");
      return;
    }
    out.append(node.getClass().getSimpleName()).append('(');
    if (node.isContainerNode()) {
      var fields = node.fields();
      if (node.isObject()) {
        while (fields.hasNext()) {
          var f = fields.next();
          out.append(f.getKey()).append(':');
          types(f.getValue(), out);
          out.append(',');
        }
      } else {
        for (JsonNode item : node) {
          types(item, out);
          out.append(',');
        }
      }
    } else {
      out.append(node.toString());
    }
    out.append(')');
  }
}

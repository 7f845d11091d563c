package dev.lockstep.locate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@link YamlSubset} composes exactly what SnakeYAML composes (node kinds, tags, values, styles and
 * every mark) or declines: over the project's own YAML and the YAML in its docs, over generated
 * documents, and over random edits of both, where text SnakeYAML refuses must be declined too.
 */
class YamlSubsetTest {

  @Test
  void composesTheProjectsYamlAsSnakeYamlDoes() throws IOException {
    List<String> corpus = corpus();
    int composed = 0;
    for (String text : corpus) {
      composed += same(text) ? 1 : 0;
    }
    assertTrue(corpus.size() > 50, "corpus of " + corpus.size());
    // The docs show anchors, block scalars and templates too, which are declined.
    assertTrue(composed * 10 > corpus.size() * 6, composed + " of " + corpus.size() + " composed");
  }

  @Test
  void composesGeneratedDocumentsAsSnakeYamlDoes() {
    Random random = new Random(7);
    int composed = 0;
    int total = 3000;
    for (int i = 0; i < total; i++) {
      String text = generate(random);
      composed += same(text) ? 1 : 0;
    }
    // The generator writes only what the subset covers, so nearly all must be composed.
    assertTrue(composed * 100 > total * 98, composed + " of " + total + " composed");
  }

  @Test
  void editedTextIsComposedAsSnakeYamlDoesOrDeclined() throws IOException {
    Random random = new Random(11);
    List<String> seeds = new ArrayList<>(corpus());
    for (int i = 0; i < 200; i++) {
      seeds.add(generate(random));
    }
    int composed = 0;
    int refused = 0;
    int total = 30_000;
    for (int i = 0; i < total; i++) {
      String text = mutate(seeds.get(random.nextInt(seeds.size())), random);
      List<Node> expected;
      try {
        expected = YamlFormat.composeAll(text);
      } catch (YAMLException e) {
        refused++;
        assertNull(YamlSubset.compose(text), () -> "SnakeYAML refuses, the subset took:\n" + text);
        continue;
      }
      List<Node> actual = YamlSubset.compose(text);
      if (actual != null) {
        composed++;
        assertEquals(describe(expected), describe(actual), text);
      }
    }
    assertTrue(composed > total / 4, composed + " composed");
    assertTrue(refused > total / 10, refused + " refused by SnakeYAML");
  }

  @Test
  void declinesWhatItDoesNotCover() {
    for (String text :
        List.of(
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: |2\n  text\n",
            "a: |\n\n  text\n",
            "a: b\n  c\n",
            "a: \"x\\ty\"\n",
            "a: 'x\n  y'\n",
            "a:\r\n  b: 1\r\n",
            "a:\t1\n",
            "%YAML 1.2\n---\na: 1\n",
            "? a\n: b\n",
            "a: [x\n  y]\n",
            "a: 😀\n")) {
      assertNull(YamlSubset.compose(text), text);
    }
    assertNotNull(YamlSubset.compose("a: 1\n"));
  }

  /** Whether the subset composed {@code text}; when it did, it must equal SnakeYAML. */
  private static boolean same(String text) {
    List<Node> actual = YamlSubset.compose(text);
    List<Node> expected;
    try {
      expected = YamlFormat.composeAll(text);
    } catch (YAMLException e) {
      assertNull(actual, () -> "SnakeYAML refuses, the subset took:\n" + text);
      return false;
    }
    if (actual == null) {
      return false;
    }
    assertEquals(describe(expected), describe(actual), text);
    return true;
  }

  static String describe(List<Node> docs) {
    StringBuilder out = new StringBuilder();
    for (Node d : docs) {
      describe(d, out, 0);
      out.append("---\n");
    }
    return out.toString();
  }

  private static void describe(Node node, StringBuilder out, int indent) {
    out.append("  ".repeat(indent));
    String marks = mark(node.getStartMark()) + "-" + mark(node.getEndMark());
    if (node instanceof ScalarNode s) {
      out.append("scalar ")
          .append(s.getTag())
          .append(' ')
          .append(s.getScalarStyle())
          .append(" [")
          .append(s.getValue())
          .append("] ")
          .append(marks)
          .append('\n');
    } else if (node instanceof SequenceNode q) {
      out.append("seq ").append(q.getTag()).append(' ').append(q.getFlowStyle()).append(' ');
      out.append(marks).append('\n');
      for (Node item : q.getValue()) {
        describe(item, out, indent + 1);
      }
    } else {
      MappingNode m = (MappingNode) node;
      out.append("map ").append(m.getTag()).append(' ').append(m.getFlowStyle()).append(' ');
      out.append(marks).append('\n');
      for (NodeTuple t : m.getValue()) {
        describe(t.getKeyNode(), out, indent + 1);
        describe(t.getValueNode(), out, indent + 2);
      }
    }
  }

  private static String mark(Mark m) {
    return m.getIndex() + "@" + m.getLine() + ":" + m.getColumn();
  }

  /** Every YAML file of the project, and every YAML block of its docs and the seed documents. */
  private static List<String> corpus() throws IOException {
    List<String> texts = new ArrayList<>();
    Pattern fence = Pattern.compile("```ya?ml\\n(.*?)```", Pattern.DOTALL);
    List<Path> roots =
        new ArrayList<>(
            List.of(Path.of("src"), Path.of("graph"), Path.of(".github"), Path.of("docs")));
    roots.add(Path.of("README.md"));
    roots.add(Path.of("action.yml"));
    Path seeds = Path.of("../shared/seeds");
    if (Files.isDirectory(seeds)) {
      roots.add(seeds);
    }
    for (Path root : roots) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
          texts.add(Files.readString(f));
        } else if (name.endsWith(".md") || name.endsWith(".txt")) {
          Matcher m = fence.matcher(Files.readString(f));
          while (m.find()) {
            texts.add(m.group(1));
          }
        }
      }
    }
    return texts;
  }

  private static final String[] SCALARS = {
    "x",
    "ghcr.io/acme/api",
    "v1.2.3",
    "1.10",
    "0.9.1",
    "1",
    "-1",
    "1e3",
    "0x1F",
    "true",
    "False",
    "yes",
    "off",
    "~",
    "null",
    "Null",
    "a b",
    "a:b",
    "a#b",
    "a-b",
    "-a",
    "<<",
    "=",
    "http://x/y?z=1",
    "nginx:1.25@sha256:abc",
    "2024-01-01",
    ".inf",
    "-.5",
    "é",
    "a,b",
    "a]b",
    "a}b",
    "--set",
    "x=y",
    "$VAR",
    "${VAR}",
    "{{ .Values.x }}"
  };

  private static final String[] QUOTED = {
    "'x'",
    "'it''s'",
    "''",
    "\"\"",
    "\"a b\"",
    "\"1.10\"",
    "'true'",
    "\"a: b\"",
    "'#x'",
    "\"[x]\"",
    "'a '' b'"
  };

  private static String generate(Random r) {
    StringBuilder out = new StringBuilder();
    int docs = 1 + r.nextInt(3);
    for (int d = 0; d < docs; d++) {
      if (d > 0 || r.nextBoolean()) {
        out.append(r.nextInt(4) == 0 ? "--- # doc\n" : "---\n");
      }
      if (r.nextInt(8) == 0) {
        out.append("# a comment\n");
      }
      if (r.nextInt(10) == 0) {
        continue; // an empty document
      }
      if (r.nextInt(10) == 0) {
        out.append(scalar(r, false)).append('\n');
        continue;
      }
      mapping(r, out, 0, 0, 3);
    }
    if (r.nextInt(6) == 0 && out.length() > 0) {
      out.setLength(out.length() - 1); // no final line break
    }
    return out.toString();
  }

  private static void mapping(Random r, StringBuilder out, int indent, int firstIndent, int depth) {
    int keys = 1 + r.nextInt(4);
    for (int k = 0; k < keys; k++) {
      out.append(" ".repeat(k == 0 ? firstIndent : indent));
      out.append(key(r)).append(r.nextInt(10) == 0 ? " :" : ":");
      value(r, out, indent, depth);
      if (r.nextInt(12) == 0) {
        out.append(r.nextBoolean() ? "\n" : " ".repeat(indent) + "  # note\n");
      }
    }
  }

  private static void value(Random r, StringBuilder out, int indent, int depth) {
    int kind = depth <= 0 ? r.nextInt(3) : r.nextInt(9);
    switch (kind) {
      case 8 -> block(r, out, indent);
      case 0 -> out.append(' ').append(scalar(r, false)).append(comment(r)).append('\n');
      case 1 -> out.append(' ').append(flow(r, 2)).append(comment(r)).append('\n');
      case 2 -> out.append(comment(r)).append('\n'); // empty
      case 3, 4 -> {
        out.append(comment(r)).append('\n');
        int step = 1 + r.nextInt(3);
        mapping(r, out, indent + step, indent + step, depth - 1);
      }
      default -> {
        out.append('\n');
        sequence(r, out, r.nextBoolean() ? indent : indent + 2, depth - 1);
      }
    }
  }

  /** A literal or folded block scalar under a key at {@code indent}. */
  private static void block(Random r, StringBuilder out, int indent) {
    out.append(' ').append(r.nextBoolean() ? '|' : '>');
    out.append(new String[] {"", "-", "+"}[r.nextInt(3)]).append(comment(r)).append('\n');
    int at = indent + 1 + r.nextInt(3);
    int lines = 1 + r.nextInt(4);
    for (int i = 0; i < lines; i++) {
      if (i > 0 && r.nextInt(4) == 0) {
        out.append(r.nextBoolean() ? "" : " ".repeat(r.nextInt(at + 3))).append('\n');
      }
      out.append(" ".repeat(at + (i > 0 && r.nextInt(5) == 0 ? 2 : 0)));
      out.append(new String[] {"text", "a: b", "# not a comment", "x  y", "- item"}[r.nextInt(5)]);
      out.append('\n');
    }
    if (r.nextInt(3) == 0) {
      out.append('\n');
    }
  }

  private static void sequence(Random r, StringBuilder out, int indent, int depth) {
    int items = 1 + r.nextInt(3);
    for (int i = 0; i < items; i++) {
      out.append(" ".repeat(indent)).append('-');
      int kind = depth <= 0 ? r.nextInt(2) : r.nextInt(5);
      switch (kind) {
        case 0 -> out.append(' ').append(scalar(r, false)).append(comment(r)).append('\n');
        case 1 -> out.append(' ').append(flow(r, 2)).append('\n');
        case 2 -> {
          int step = 1 + r.nextInt(2);
          out.append(" ".repeat(step));
          mapping(r, out, indent + 1 + step, 0, depth - 1);
        }
        case 3 -> {
          out.append('\n');
          sequence(r, out, indent + 2, depth - 1);
        }
        default -> out.append(comment(r)).append('\n'); // empty
      }
    }
  }

  private static String flow(Random r, int depth) {
    StringBuilder out = new StringBuilder();
    boolean seq = r.nextBoolean();
    out.append(seq ? "[" : "{");
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.append(
            r.nextInt(6) == 0 ? ",\n" + " ".repeat(r.nextInt(6)) : r.nextBoolean() ? ", " : ",");
      }
      if (!seq) {
        out.append(scalar(r, true)).append(": ");
      }
      out.append(depth > 0 && r.nextInt(4) == 0 ? flow(r, depth - 1) : scalar(r, true));
    }
    if (n > 0 && r.nextInt(8) == 0) {
      out.append(',');
    }
    out.append(r.nextInt(10) == 0 ? "  # why\n  " : r.nextBoolean() ? "" : " ");
    out.append(seq ? "]" : "}");
    return out.toString();
  }

  private static String key(Random r) {
    return r.nextInt(6) == 0
        ? QUOTED[r.nextInt(QUOTED.length)]
        : new String[] {"image", "tag", "name", "a", "x-y", "v1", "'k'", "with space", "1"}
            [r.nextInt(9)];
  }

  private static String scalar(Random r, boolean flow) {
    if (r.nextInt(3) == 0) {
      return QUOTED[r.nextInt(QUOTED.length)];
    }
    String s = SCALARS[r.nextInt(SCALARS.length)];
    if (flow
        && (s.contains(",")
            || s.contains("?")
            || s.contains("]")
            || s.contains("}")
            || s.contains("{"))) {
      return "'" + s + "'";
    }
    if (!flow && s.startsWith("{")) {
      return "'" + s + "'";
    }
    return s;
  }

  private static String comment(Random r) {
    return r.nextInt(6) == 0 ? "  # why" : "";
  }

  private static final String EDITS = " :-#'\"[]{},\n\n  xq1&*!|>?%.";

  private static String mutate(String text, Random r) {
    StringBuilder b = new StringBuilder(text);
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits && b.length() > 0; e++) {
      int at = r.nextInt(b.length());
      switch (r.nextInt(3)) {
        case 0 -> b.insert(at, EDITS.charAt(r.nextInt(EDITS.length())));
        case 1 -> b.deleteCharAt(at);
        default -> b.setCharAt(at, EDITS.charAt(r.nextInt(EDITS.length())));
      }
    }
    return b.toString();
  }
}

package dev.lockstep.init;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Every scalar of a YAML file with the YAML path that reaches it, as the graph writes paths. */
final class YamlScan {
  private YamlScan() {}

  /**
   * One scalar value.
   *
   * @param key the mapping key that holds it, or null inside a sequence
   * @param siblings the scalar values of the sequence it is an element of (empty otherwise)
   * @param index its index in that sequence
   */
  record Scalar(
      int document,
      String path,
      String key,
      String value,
      int line,
      List<String> siblings,
      int index,
      MappingNode parent) {}

  record Parsed(int documents, List<Scalar> scalars, List<Node> roots) {}

  /** The scalars of {@code text}; empty when it is not YAML (a Helm template, say). */
  static Optional<Parsed> parse(String text) {
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(true);
      options.setMaxAliasesForCollections(50);
      Yaml yaml = new Yaml(options);
      List<Node> docs = new ArrayList<>();
      for (Node n : yaml.composeAll(new StringReader(text))) {
        docs.add(n);
      }
      List<Scalar> out = new ArrayList<>();
      for (int d = 0; d < docs.size(); d++) {
        if (docs.get(d) != null) {
          walk(docs.get(d), d, "", null, List.of(), -1, null, out, 0);
        }
      }
      return Optional.of(new Parsed(docs.size(), out, docs));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void walk(
      Node n,
      int doc,
      String path,
      String key,
      List<String> siblings,
      int index,
      MappingNode parent,
      List<Scalar> out,
      int depth) {
    if (depth > 40) {
      return;
    }
    if (n instanceof ScalarNode s) {
      out.add(
          new Scalar(
              doc,
              path.isEmpty() ? "." : path,
              key,
              s.getValue(),
              s.getStartMark().getLine() + 1,
              siblings,
              index,
              parent));
    } else if (n instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          walk(
              t.getValueNode(),
              doc,
              path + step(k.getValue()),
              k.getValue(),
              List.of(),
              -1,
              m,
              out,
              depth + 1);
        }
      }
    } else if (n instanceof SequenceNode seq) {
      List<Node> items = seq.getValue();
      List<String> scalars = new ArrayList<>();
      for (Node i : items) {
        scalars.add(i instanceof ScalarNode s ? s.getValue() : null);
      }
      for (int i = 0; i < items.size(); i++) {
        walk(items.get(i), doc, path + selector(items, i), null, scalars, i, null, out, depth + 1);
      }
    }
  }

  static String step(String key) {
    if (key.matches("[A-Za-z0-9_-]+")) {
      return "." + key;
    }
    return "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }

  /**
   * {@code [name=x]} or {@code [kind=x]} when that picks exactly this element, else {@code [i]}.
   */
  private static String selector(List<Node> items, int i) {
    for (String field : List.of("name", "kind")) {
      String v = field(items.get(i), field);
      if (v == null || !v.matches("[A-Za-z0-9._-]+")) {
        continue;
      }
      int same = 0;
      for (Node other : items) {
        if (v.equals(field(other, field))) {
          same++;
        }
      }
      if (same == 1) {
        return "[" + field + "=" + v + "]";
      }
    }
    return "[" + i + "]";
  }

  static String field(Node n, String field) {
    if (n instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k
            && k.getValue().equals(field)
            && t.getValueNode() instanceof ScalarNode v) {
          return v.getValue();
        }
      }
    }
    return null;
  }
}

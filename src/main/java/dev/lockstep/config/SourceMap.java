package dev.lockstep.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lockstep.locate.YamlSubset;
import dev.lockstep.model.Problem;
import dev.lockstep.model.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Positions of every key and value of a YAML file by path ({@code artifacts.api.uses[0].to}), read
 * in one streaming pass. Semantic errors found later are reported at these positions. The same pass
 * reports duplicate keys, which Jackson's tree would silently merge, and builds the tree of the
 * first document, so the text is parsed once.
 */
final class SourceMap {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final Path file;

  /**
   * Every key and item the text holds, as a tree of positions under the document's root: a lookup
   * walks it by the path's parts. A map from whole path strings cost one string and one entry per
   * key of a large graph, where a lookup is made for a few of them (those a model part keeps).
   */
  private final Pos top = new Pos(1, 1);

  /** The first document as a tree, as Jackson's {@code readTree} builds it; null when empty. */
  private JsonNode root;

  private SourceMap(Path file) {
    this.file = file;
  }

  /** Where a key or an item starts, and the keys and items under it (made when first needed). */
  private static final class Pos {
    final int line;
    final int column;
    Map<String, Pos> keys;
    List<Pos> items;

    Pos(int line, int column) {
      this.line = line;
      this.column = column;
    }

    /** The position of key {@code k}: the first one recorded for it, or null. */
    Pos key(String k) {
      return keys == null ? null : keys.get(k);
    }

    /** Records key {@code k} at a position unless it has one; returns the one it has. */
    Pos putKey(String k, int line, int column) {
      if (keys == null) {
        keys = new HashMap<>();
      }
      Pos known = keys.get(k);
      if (known != null) {
        return known;
      }
      Pos made = new Pos(line, column);
      keys.put(k, made);
      return made;
    }

    /** The position of the key written in {@code path} from {@code from} to {@code to}, or null. */
    Pos key(String path, int from, int to) {
      if (keys == null) {
        return null;
      }
      if (keys.size() > 8) {
        return keys.get(path.substring(from, to));
      }
      // most mappings hold a few keys: compared in place, no string is made for the lookup
      int length = to - from;
      for (Map.Entry<String, Pos> e : keys.entrySet()) {
        String k = e.getKey();
        if (k.length() == length && path.startsWith(k, from)) {
          return e.getValue();
        }
      }
      return null;
    }

    Pos item(int i) {
      return items == null || i >= items.size() ? null : items.get(i);
    }

    /** Records item {@code i} (the next one, or one recorded already) and returns its position. */
    Pos putItem(int i, int line, int column) {
      if (items == null) {
        items = new ArrayList<>();
      }
      if (i < items.size()) {
        return items.get(i);
      }
      Pos made = new Pos(line, column);
      items.add(made);
      return made;
    }
  }

  /**
   * Reads {@code text} once: positions, duplicate keys and extra documents, and the tree of the
   * first document ({@link #root}). Text in {@link YamlSubset}'s reach is read from its nodes,
   * which costs a fraction of Jackson's parser; the rest, and any scalar Jackson would type as
   * other than a string, goes through Jackson, so the result is the same either way.
   */
  static SourceMap read(Path file, String text, YAMLFactory factory, List<Problem> problems)
      throws IOException {
    Optional<List<Token>> tokens = SubsetTokens.of(text, factory);
    if (tokens.isEmpty()) {
      return readWithJackson(file, text, factory, problems);
    }
    SourceMap map = new SourceMap(file);
    map.walk(new SubsetTokens(tokens.get()), problems);
    return map;
  }

  /** As {@link #read}, with Jackson's parser whatever the text. */
  static SourceMap readWithJackson(
      Path file, String text, YAMLFactory factory, List<Problem> problems) throws IOException {
    SourceMap map = new SourceMap(file);
    try (JsonParser p = factory.createParser(text)) {
      map.walk(new JacksonTokens(p), problems);
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

  /** {@link #positions()}, once spelled out. */
  private Map<String, Source> spelled;

  /** Every recorded position by path: the whole tree spelled out, for tests and checks of them. */
  Map<String, Source> positions() {
    if (spelled == null) {
      Map<String, Source> out = new HashMap<>();
      spell(top, "", out);
      spelled = java.util.Collections.unmodifiableMap(out);
    }
    return spelled;
  }

  boolean has(String path) {
    return positions().containsKey(path);
  }

  /**
   * The one recorded path under {@code prefix} whose last key is {@code key}, if there is exactly
   * one.
   */
  Optional<String> unique(String prefix, String key) {
    String last = child("", key);
    List<String> hits =
        positions().keySet().stream()
            .filter(
                p ->
                    p.startsWith(prefix)
                        && (p.endsWith("." + last)
                            || p.endsWith(last) && last.startsWith("[")
                            || p.equals(last)))
            .toList();
    return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
  }

  private void spell(Pos pos, String path, Map<String, Source> out) {
    if (pos.keys != null) {
      pos.keys.forEach(
          (k, p) -> {
            String at = child(path, k);
            out.put(at, Source.at(file, p.line, p.column, at));
            spell(p, at, out);
          });
    }
    if (pos.items != null) {
      for (int i = 0; i < pos.items.size(); i++) {
        String at = index(path, i);
        Pos p = pos.items.get(i);
        out.put(at, Source.at(file, p.line, p.column, at));
        spell(p, at, out);
      }
    }
  }

  /** The first document's value, built in the same pass; null when the text holds none. */
  JsonNode root() {
    return root;
  }

  /**
   * The position of {@code path} (as {@link #child} and {@link #index} spell it), or of its nearest
   * ancestor that has one.
   */
  Source at(String path) {
    Pos pos = top;
    int i = 0;
    int n = path.length();
    while (i < n && pos != null) {
      char c = path.charAt(i);
      Pos next;
      if (c == '[' && i + 1 < n && path.charAt(i + 1) == '"') {
        String k = quotedKey(pos, path, i + 2);
        next = k == null ? null : pos.key(k);
        i = k == null ? n : i + 2 + k.length() + 2;
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        int index = close < 0 ? -1 : number(path, i + 1, close);
        next = index < 0 ? null : pos.item(index);
        i = close < 0 ? n : close + 1;
      } else {
        int from = c == '.' && i > 0 ? i + 1 : i;
        int end = from;
        while (end < n && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        next = pos.key(path, from, end);
        i = end;
      }
      if (next == null) {
        break;
      }
      pos = next;
    }
    return Source.at(file, pos.line, pos.column, path);
  }

  /**
   * The key of {@code pos} written quoted at {@code from} ({@code ["key"]}, followed by the end, a
   * {@code .} or a {@code [}): the longest that fits, since a key may hold {@code "]} itself. Each
   * {@code "]} of the path is tried as the end, from the last: a lookup per one, never a pass over
   * the mapping's keys (a graph of many quoted keys would make that quadratic).
   */
  private static String quotedKey(Pos pos, String path, int from) {
    if (pos.keys == null) {
      return null;
    }
    for (int end = path.lastIndexOf("\"]"); end >= from; end = path.lastIndexOf("\"]", end - 1)) {
      int after = end + 2;
      if (after == path.length() || path.charAt(after) == '.' || path.charAt(after) == '[') {
        String k = path.substring(from, end);
        if (pos.keys.containsKey(k)) {
          return k;
        }
      }
    }
    return null;
  }

  /** The decimal number in {@code [from, to)}, or -1. */
  private static int number(String s, int from, int to) {
    if (from == to || to - from > 9) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /**
   * One frame per open container: its position, its key or index in its parent (for the path a
   * problem names), the next index (arrays), the line of each key seen (objects) and, in the first
   * document, the node being built.
   */
  private static final class Frame {
    final Frame parent;
    final String key;
    final int index;
    final Pos pos;
    final boolean array;
    int next;
    final Map<String, Integer> lines;
    final ContainerNode<?> node;

    Frame(Frame parent, String key, int index, Pos pos, boolean array, ContainerNode<?> node) {
      this.parent = parent;
      this.key = key;
      this.index = index;
      this.pos = pos;
      this.array = array;
      this.lines = array ? Map.of() : new HashMap<>();
      this.node = node;
    }

    /** The path of this container, spelled out only for a problem. */
    String path() {
      if (parent == null) {
        return "";
      }
      return key != null ? child(parent.path(), key) : index(parent.path(), index);
    }
  }

  private void walk(Tokens p, List<Problem> problems) throws IOException {
    Walk w = new Walk(p, problems);
    JsonToken t;
    // A method per token, not one loop body: called once per token, it is compiled after a few
    // hundred tokens, where a loop in a method called once runs interpreted until on-stack
    // replacement, tens of thousands of tokens later.
    while ((t = p.nextToken()) != null) {
      w.token(t);
    }
    // A value the tree cannot take (a number over the limits) fails the read after the whole
    // text was walked, as when the tree was read in a second pass.
    if (w.unreadable != null) {
      throw w.unreadable;
    }
  }

  /** The state of one {@link #walk}. */
  private final class Walk {
    private final Tokens p;
    private final List<Problem> problems;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private String pendingKey;
    private Pos pendingPos;
    private int documents;
    private IOException unreadable;

    Walk(Tokens p, List<Problem> problems) {
      this.p = p;
      this.problems = problems;
    }

    void token(JsonToken t) throws IOException {
      Frame top = stack.peek();
      if (top == null && ++documents == 2) {
        problems.add(
            Problem.at(
                Source.at(file, p.line(), p.column(), ""),
                "a graph file holds one YAML document; another starts here",
                "merge it into the first, or move it to its own file"));
      }
      if (t == JsonToken.FIELD_NAME) {
        key(top);
      } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
        stack.pop();
      } else {
        value(top, t);
      }
    }

    private void key(Frame top) throws IOException {
      String key = p.name();
      pendingKey = key;
      int line = p.line();
      int column = p.column();
      Integer firstLine = top.lines.putIfAbsent(key, line);
      if (firstLine != null) {
        String path = child(top.path(), key);
        problems.add(
            Problem.at(
                Source.at(file, line, column, path),
                "duplicate key '" + key + "' (first at line " + firstLine + ")",
                "remove or rename one of them"));
      }
      // a repeated key (or a key of a second document) keeps its first position
      pendingPos = top.pos.putKey(key, line, column);
    }

    private void value(Frame top, JsonToken t) throws IOException {
      Pos pos;
      String key = null;
      int index = -1;
      if (top == null) {
        pos = SourceMap.this.top;
      } else if (top.array) {
        index = top.next++;
        pos = top.pos.putItem(index, p.line(), p.column());
      } else {
        key = pendingKey;
        pos = pendingPos;
      }
      boolean building = documents == 1;
      JsonNode value;
      if (t == JsonToken.START_OBJECT) {
        ObjectNode o = building ? NODES.objectNode() : null;
        stack.push(new Frame(top, key, index, pos, false, o));
        value = o;
      } else if (t == JsonToken.START_ARRAY) {
        ArrayNode a = building ? NODES.arrayNode() : null;
        stack.push(new Frame(top, key, index, pos, true, a));
        value = a;
      } else if (building) {
        try {
          value = p.scalar(t);
        } catch (JsonProcessingException e) {
          unreadable = unreadable == null ? e : unreadable;
          value = NODES.nullNode();
        }
      } else {
        return;
      }
      if (!building) {
        return;
      }
      if (top == null) {
        root = value;
      } else if (top.node instanceof ArrayNode a) {
        a.add(value);
      } else {
        // A repeated key keeps its last value, as readTree does (the repeat is reported above).
        ((ObjectNode) top.node).replace(pendingKey, value);
      }
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

  /** The tokens {@link #walk} reads, with the position each starts at. */
  private interface Tokens {
    JsonToken nextToken() throws IOException;

    /** The key of a {@link JsonToken#FIELD_NAME}. */
    String name() throws IOException;

    /** 1-based. */
    int line();

    /** 1-based. */
    int column();

    /** The current scalar, as Jackson's tree reader makes it. */
    JsonNode scalar(JsonToken t) throws IOException;
  }

  private record JacksonTokens(JsonParser p) implements Tokens {
    @Override
    public JsonToken nextToken() throws IOException {
      return p.nextToken();
    }

    @Override
    public String name() throws IOException {
      return p.currentName();
    }

    @Override
    public int line() {
      return p.currentTokenLocation().getLineNr();
    }

    @Override
    public int column() {
      return p.currentTokenLocation().getColumnNr();
    }

    @Override
    public JsonNode scalar(JsonToken t) throws IOException {
      return SourceMap.scalar(p, t);
    }
  }

  /** A token of a tree {@link YamlSubset} composed: kind, key, where it starts, scalar value. */
  private record Token(JsonToken kind, String name, int line, int column, JsonNode value) {}

  /** The tokens Jackson's parser gives for text in {@link YamlSubset}'s reach. */
  private static final class SubsetTokens implements Tokens {
    private final List<Token> tokens;
    private int next;
    private Token current;

    SubsetTokens(List<Token> tokens) {
      this.tokens = tokens;
    }

    /**
     * The tokens of {@code text}, or empty when the subset declines it or Jackson reads one of its
     * scalars differently than a string (a number past its limits).
     */
    static Optional<List<Token>> of(String text, YAMLFactory factory) throws IOException {
      if (text.length() > GraphLoader.MAX_GRAPH_BYTES) {
        return Optional.empty();
      }
      List<Node> docs = YamlSubset.compose(text);
      if (docs == null) {
        return Optional.empty();
      }
      List<Token> out = new ArrayList<>(Math.max(16, text.length() / 8));
      Map<String, JsonNode> typed = new HashMap<>();
      for (Node doc : docs) {
        if (!flatten(doc, text, factory, typed, out)) {
          return Optional.empty();
        }
      }
      return Optional.of(out);
    }

    private static boolean flatten(
        Node node, String text, YAMLFactory factory, Map<String, JsonNode> typed, List<Token> out)
        throws IOException {
      int line = node.getStartMark().getLine() + 1;
      int column = node.getStartMark().getColumn() + 1;
      if (node instanceof MappingNode m) {
        out.add(new Token(JsonToken.START_OBJECT, null, line, column, null));
        for (NodeTuple t : m.getValue()) {
          ScalarNode key = (ScalarNode) t.getKeyNode(); // the subset's keys are scalars
          out.add(
              new Token(
                  JsonToken.FIELD_NAME,
                  key.getValue(),
                  key.getStartMark().getLine() + 1,
                  key.getStartMark().getColumn() + 1,
                  null));
          if (!flatten(t.getValueNode(), text, factory, typed, out)) {
            return false;
          }
        }
        out.add(new Token(JsonToken.END_OBJECT, null, line, column, null));
        return true;
      }
      if (node instanceof SequenceNode q) {
        out.add(new Token(JsonToken.START_ARRAY, null, line, column, null));
        for (Node item : q.getValue()) {
          if (!flatten(item, text, factory, typed, out)) {
            return false;
          }
        }
        out.add(new Token(JsonToken.END_ARRAY, null, line, column, null));
        return true;
      }
      ScalarNode s = (ScalarNode) node;
      boolean plain = s.getScalarStyle() == ScalarStyle.PLAIN;
      JsonNode value = null;
      if (!s.getValue().isEmpty() && (!plain || s.getTag() == Tag.STR)) {
        value = NODES.textNode(s.getValue());
      } else if (plain) {
        value = plainlyTyped(s.getValue());
      }
      if (value == null) {
        // Other numbers, booleans and nulls: typed by Jackson itself, from the same text.
        String written = text.substring(s.getStartMark().getIndex(), s.getEndMark().getIndex());
        value = typed.get(written);
        if (value == null) {
          value = typedByJackson(written, factory);
          if (value == null) {
            return false;
          }
          typed.put(written, value);
        }
      }
      out.add(new Token(value.asToken(), null, line, column, value));
      return true;
    }

    /**
     * What Jackson makes of the plain scalars graphs hold most ({@code count: 3}, {@code lockstep:
     * 1}, {@code all: true}, an empty value), without starting its parser; null for any other.
     */
    private static JsonNode plainlyTyped(String value) {
      switch (value) {
        case "":
        case "null":
          return NODES.nullNode();
        case "true":
          return NODES.booleanNode(true);
        case "false":
          return NODES.booleanNode(false);
        default:
          break;
      }
      int n = value.length();
      if (n == 0 || n > 9 || value.charAt(0) == '0' && n > 1) {
        return null;
      }
      for (int i = 0; i < n; i++) {
        char c = value.charAt(i);
        if (c < '0' || c > '9') {
          return null;
        }
      }
      return NODES.numberNode(Integer.parseInt(value));
    }

    /** The scalar {@code written} as Jackson reads it, or null when that fails. */
    private static JsonNode typedByJackson(String written, YAMLFactory factory) throws IOException {
      try (JsonParser p = factory.createParser("- " + written)) {
        if (p.nextToken() != JsonToken.START_ARRAY) {
          return null;
        }
        JsonToken t = p.nextToken();
        if (t == null || t.isStructStart() || t.isStructEnd()) {
          return null;
        }
        JsonNode value = SourceMap.scalar(p, t);
        return p.nextToken() == JsonToken.END_ARRAY && p.nextToken() == null ? value : null;
      } catch (JsonProcessingException | org.yaml.snakeyaml.error.YAMLException e) {
        return null;
      }
    }

    @Override
    public JsonToken nextToken() {
      if (next == tokens.size()) {
        return null;
      }
      current = tokens.get(next++);
      return current.kind();
    }

    @Override
    public String name() {
      return current.name();
    }

    @Override
    public int line() {
      return current.line();
    }

    @Override
    public int column() {
      return current.column();
    }

    @Override
    public JsonNode scalar(JsonToken t) {
      return current.value();
    }
  }
}

package dev.lockstep.locate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The YAML that values files, manifests and graphs are written in, composed without SnakeYAML's
 * scanner: block mappings and sequences, flow collections, one-line plain and quoted scalars, block
 * scalars, comments and documents. It builds the nodes, tags, styles and marks SnakeYAML's composer
 * builds for the same text (a differential test holds it to that) in a fraction of the time. Any
 * other text (anchors, tags, multi-line plain or quoted scalars, escapes, tabs, CR, directives, and
 * YAML SnakeYAML would refuse) gets null, and the caller composes it with SnakeYAML.
 */
public final class YamlSubset {
  private static final Keyed RESOLVER = new Keyed();

  /**
   * SnakeYAML's resolver, which also tells the first characters its implicit resolvers are keyed
   * by: a plain scalar starting with any other character is a string without a regex tried.
   */
  private static final class Keyed extends Resolver {
    private final boolean[] keyed = new boolean[128];
    private final boolean any;

    Keyed() {
      boolean other = false;
      for (Character c : yamlImplicitResolvers.keySet()) {
        if (c != null && c < 128) {
          keyed[c] = true;
        } else {
          other = true;
        }
      }
      any = other;
    }

    /** Tags resolved so far, by text: keys such as {@code name} and {@code tag} repeat. */
    private final Map<String, Tag> seen = new ConcurrentHashMap<>();

    Tag plain(String value) {
      if (!value.isEmpty() && !any) {
        char c = value.charAt(0);
        if (c < 128 && !keyed[c]) {
          return Tag.STR;
        }
      }
      Tag tag = seen.get(value);
      if (tag == null) {
        tag = resolve(NodeId.scalar, value, true);
        if (seen.size() < 4096 && value.length() <= 64) { // bounded, whatever the input
          seen.put(value, tag);
        }
      }
      return tag;
    }
  }

  /** SnakeYAML's name for a stream read from a {@code Reader}. */
  private static final String NAME = "'reader'";

  private static final int[] NO_SNIPPET = new int[0];

  /** Nesting past this is left to SnakeYAML, which reports its own limit. */
  private static final int MAX_DEPTH = 40;

  /** SnakeYAML's limit on a simple key's length. */
  private static final int MAX_KEY = 1024;

  /** Leaves the subset; thrown without a stack, caught in {@link #compose}. */
  private static final class Outside extends RuntimeException {
    Outside() {
      super(null, null, false, false);
    }
  }

  private static final Outside OUTSIDE = new Outside();

  private final String s;
  private final int n;
  private int pos;
  private int line;
  private int lineStart;
  private int depth;

  private YamlSubset(String text) {
    this.s = text;
    this.n = text.length();
  }

  /** The documents of {@code text} as SnakeYAML composes them, or null outside the subset. */
  public static List<Node> compose(String text) {
    if (!plainText(text)) {
      return null;
    }
    try {
      return new YamlSubset(text).documents();
    } catch (Outside e) {
      return null;
    }
  }

  /**
   * Text whose line breaks are all {@code \n}, without tabs and with only characters SnakeYAML
   * reads as printable and one UTF-16 unit long (its marks count code points).
   */
  private static boolean plainText(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f || c == '\n') {
        continue;
      }
      if (c < 0xa0
          || c >= 0xd800 && c < 0xe000
          || c == 0x2028
          || c == 0x2029
          || c == 0xfeff
          || c >= 0xfffe) {
        return false;
      }
    }
    return true;
  }

  private List<Node> documents() {
    List<Node> docs = new ArrayList<>();
    skipBlank();
    while (pos < n) {
      if (column() == 0 && (s.charAt(pos) == '%' || atMarker("..."))) {
        throw OUTSIDE;
      }
      if (atMarker("---")) {
        pos += 3;
        endLine();
        if (pos == n || atMarker("---")) {
          docs.add(empty(mark(pos)));
          continue;
        }
      }
      docs.add(blockNode(-1));
      if (pos < n && !atMarker("---")) {
        throw OUTSIDE;
      }
    }
    return docs;
  }

  /** A node that starts at {@code pos}, the first character of a line's content. */
  private Node blockNode(int parent) {
    if (dashEntry()) {
      return blockSequence(column());
    }
    return item(true, parent);
  }

  /**
   * A node that starts on this line: a flow collection, a scalar, or (when {@code mapping} allows)
   * a block mapping whose first key this is.
   */
  private Node item(boolean mapping, int parent) {
    char c = s.charAt(pos);
    if (c == '|' || c == '>') {
      ScalarNode text = blockText(parent);
      skipBlank();
      return text;
    }
    if (c == '[' || c == '{') {
      Node flow = flowCollection();
      skipSpaces();
      if (pos < n && s.charAt(pos) == ':') {
        throw OUTSIDE; // a flow collection as a key
      }
      endLine();
      return flow;
    }
    if (dashEntry()) {
      throw OUTSIDE; // - - a, or a: - b
    }
    int column = column();
    ScalarNode scalar = blockScalar();
    if (keyFollows()) {
      if (!mapping) {
        throw OUTSIDE; // a: b: c
      }
      return blockMapping(column, scalar);
    }
    endLine();
    return scalar;
  }

  private MappingNode blockMapping(int indent, ScalarNode firstKey) {
    enter();
    List<NodeTuple> tuples = new ArrayList<>();
    ScalarNode key = firstKey;
    while (true) {
      if (key.getEndMark().getIndex() - key.getStartMark().getIndex() > MAX_KEY) {
        throw OUTSIDE;
      }
      skipSpaces();
      pos++; // the ':' keyFollows saw
      // where an empty value would sit; a Mark is made only for one (most values are not empty)
      int colon = pos;
      int colonLine = line;
      int colonLineStart = lineStart;
      skipSpaces();
      Node value;
      if (pos == n || s.charAt(pos) == '\n' || s.charAt(pos) == '#') {
        endLine();
        if (pos == n || atMarker("---")) {
          value = empty(mark(colon, colonLine, colonLineStart));
        } else if (column() > indent) {
          value = blockNode(indent);
        } else if (column() == indent && dashEntry()) {
          value = blockSequence(indent); // an indentless sequence
        } else {
          value = empty(mark(colon, colonLine, colonLineStart));
        }
      } else {
        value = item(false, indent);
      }
      tuples.add(new NodeTuple(key, value));
      if (pos == n || atMarker("---") || column() < indent) {
        break;
      }
      if (column() > indent || dashEntry()) {
        throw OUTSIDE;
      }
      key = blockScalar();
      if (!keyFollows()) {
        throw OUTSIDE;
      }
    }
    depth--;
    return new MappingNode(
        Tag.MAP, true, tuples, firstKey.getStartMark(), mark(pos), FlowStyle.BLOCK);
  }

  private SequenceNode blockSequence(int indent) {
    enter();
    Mark start = mark(pos);
    List<Node> items = new ArrayList<>();
    while (true) {
      pos++; // the '-'
      int dash = pos;
      int dashLine = line;
      int dashLineStart = lineStart;
      skipSpaces();
      if (pos == n || s.charAt(pos) == '\n' || s.charAt(pos) == '#') {
        endLine();
        if (pos < n && !atMarker("---") && column() > indent) {
          items.add(blockNode(indent));
        } else {
          items.add(empty(mark(dash, dashLine, dashLineStart)));
        }
      } else {
        items.add(item(true, indent));
      }
      if (pos == n || atMarker("---") || column() < indent) {
        break;
      }
      if (column() > indent) {
        throw OUTSIDE;
      }
      if (!dashEntry()) {
        break; // the key of the mapping an indentless sequence belongs to
      }
    }
    depth--;
    return new SequenceNode(Tag.SEQ, true, items, start, mark(pos), FlowStyle.BLOCK);
  }

  /**
   * A literal ({@code |}) or folded ({@code >}) block scalar under a node at column {@code parent},
   * read as SnakeYAML's scanner reads it; an indentation indicator, leading empty lines and an
   * empty scalar are left to SnakeYAML.
   */
  private ScalarNode blockText(int parent) {
    Mark start = mark(pos);
    boolean folded = s.charAt(pos++) == '>';
    char chomp = pos < n && (s.charAt(pos) == '-' || s.charAt(pos) == '+') ? s.charAt(pos++) : 0;
    if (!blankAt(pos)) {
      throw OUTSIDE; // |2, or text after the indicator
    }
    skipSpaces();
    if (pos < n && s.charAt(pos) == '#') {
      pos = s.indexOf('\n', pos);
    }
    if (pos < 0 || pos == n || s.charAt(pos) != '\n') {
      throw OUTSIDE; // text after the header, or no line after it
    }
    nextLine();
    skipSpaces();
    int indent = column();
    if (pos == n || s.charAt(pos) == '\n' || indent < Math.max(parent + 1, 1)) {
      throw OUTSIDE;
    }
    StringBuilder text = new StringBuilder();
    String breaks = "";
    String lineBreak = "";
    Mark end;
    while (true) {
      text.append(breaks);
      boolean leadingNonSpace = s.charAt(pos) != ' ';
      int eol = s.indexOf('\n', pos);
      eol = eol < 0 ? n : eol;
      text.append(s, pos, eol);
      pos = eol;
      lineBreak = pos < n ? "\n" : "";
      if (pos < n) {
        nextLine();
      }
      // The scalar ends where the last line break it took leaves off, before any indentation.
      StringBuilder more = new StringBuilder();
      end = mark(pos);
      spacesUpTo(indent);
      while (pos < n && s.charAt(pos) == '\n') {
        more.append('\n');
        nextLine();
        end = mark(pos);
        spacesUpTo(indent);
      }
      breaks = more.toString();
      if (column() != indent || pos == n) {
        break;
      }
      if (folded && !lineBreak.isEmpty() && leadingNonSpace && s.charAt(pos) != ' ') {
        if (breaks.isEmpty()) {
          text.append(' ');
        }
      } else {
        text.append(lineBreak);
      }
    }
    if (chomp != '-') {
      text.append(lineBreak);
    }
    if (chomp == '+') {
      text.append(breaks);
    }
    String value = text.toString();
    return new ScalarNode(
        RESOLVER.resolve(NodeId.scalar, value, false),
        true,
        value,
        start,
        end,
        folded ? ScalarStyle.FOLDED : ScalarStyle.LITERAL);
  }

  /** Spaces from the start of a line, at most up to column {@code indent}. */
  private void spacesUpTo(int indent) {
    while (pos < n && column() < indent && s.charAt(pos) == ' ') {
      pos++;
    }
  }

  /** A one-line plain or quoted scalar in block context. */
  private ScalarNode blockScalar() {
    char c = s.charAt(pos);
    if (c == '\'' || c == '"') {
      return quoted();
    }
    if (indicator(c) || c == '-' && blankAt(pos + 1)) {
      throw OUTSIDE;
    }
    int start = pos;
    int end = plainEnd(false);
    pos = end;
    return plain(start, end);
  }

  /**
   * Reads a plain scalar's text from {@code pos} to the character that ends it (a line break, a
   * comment, a {@code ':'} and a blank and, in flow context, a flow indicator), where it leaves
   * {@code pos}; returns where its last character other than a space ends.
   */
  private int plainEnd(boolean flow) {
    int end = pos;
    while (pos < n) {
      char c = s.charAt(pos);
      if (flow && c == '?') {
        throw OUTSIDE; // SnakeYAML ends a flow scalar there
      }
      if (c == '\n'
          || flow && flowIndicator(c)
          || c == ':' && (blankAt(pos + 1) || flow && flowIndicator(s.charAt(pos + 1)))) {
        break;
      }
      if (c == ' ') {
        if (pos + 1 < n && s.charAt(pos + 1) == '#') {
          break;
        }
      } else {
        end = pos + 1;
      }
      pos++;
    }
    return end;
  }

  /** After a scalar in block context: whether {@code ':'} and a blank follow (spaces allowed). */
  private boolean keyFollows() {
    int p = pos;
    while (p < n && s.charAt(p) == ' ') {
      p++;
    }
    if (p < n && s.charAt(p) == ':') {
      if (!blankAt(p + 1)) {
        throw OUTSIDE;
      }
      return true;
    }
    return false;
  }

  private Node flowCollection() {
    enter();
    Mark start = mark(pos);
    char open = s.charAt(pos++);
    Node node;
    if (open == '[') {
      List<Node> items = new ArrayList<>();
      while (true) {
        flowSpaces();
        if (s.charAt(pos) == ']') {
          pos++;
          break;
        }
        items.add(flowValue());
        flowSpaces();
        char c = s.charAt(pos++);
        if (c == ']') {
          break;
        }
        if (c != ',') {
          throw OUTSIDE;
        }
      }
      node = new SequenceNode(Tag.SEQ, true, items, start, mark(pos), FlowStyle.FLOW);
    } else {
      List<NodeTuple> tuples = new ArrayList<>();
      while (true) {
        flowSpaces();
        if (s.charAt(pos) == '}') {
          pos++;
          break;
        }
        char c = s.charAt(pos);
        ScalarNode key = c == '\'' || c == '"' ? quoted() : flowPlain();
        int keyLine = line;
        flowSpaces();
        if (line != keyLine || s.charAt(pos) != ':' || !blankAt(pos + 1)) {
          throw OUTSIDE; // {a}, {a:b} or {"a":b}
        }
        pos++;
        flowSpaces();
        c = s.charAt(pos);
        if (c == ',' || c == '}') {
          throw OUTSIDE; // an empty value
        }
        tuples.add(new NodeTuple(key, flowValue()));
        flowSpaces();
        c = s.charAt(pos++);
        if (c == '}') {
          break;
        }
        if (c != ',') {
          throw OUTSIDE;
        }
      }
      node = new MappingNode(Tag.MAP, true, tuples, start, mark(pos), FlowStyle.FLOW);
    }
    depth--;
    return node;
  }

  /** An entry of a flow collection, which a {@code ':'} must not follow. */
  private Node flowValue() {
    char c = s.charAt(pos);
    Node value =
        c == '[' || c == '{' ? flowCollection() : c == '\'' || c == '"' ? quoted() : flowPlain();
    int p = pos;
    while (p < n && s.charAt(p) == ' ') {
      p++;
    }
    if (p < n && s.charAt(p) == ':') {
      throw OUTSIDE; // [a: b], a single-pair mapping
    }
    return value;
  }

  private ScalarNode flowPlain() {
    char c = s.charAt(pos);
    if (indicator(c) || c == '-' && (blankAt(pos + 1) || flowIndicator(s.charAt(pos + 1)))) {
      throw OUTSIDE;
    }
    int start = pos;
    int end = plainEnd(true);
    if (pos == n) {
      throw OUTSIDE; // the collection never closes
    }
    c = s.charAt(pos);
    if (c == '\n' || c == ' ') {
      // Past a line break, a plain scalar goes on unless a comment or a flow indicator follows.
      int p = pos;
      while (p < n && (s.charAt(p) == ' ' || s.charAt(p) == '\n')) {
        p++;
      }
      int nl = s.indexOf('\n', pos);
      if (p < n && nl >= 0 && nl < p) {
        char next = s.charAt(p);
        if (!(flowIndicator(next) || next == '#' || next == ':' && blankAt(p + 1))) {
          throw OUTSIDE;
        }
      }
    }
    pos = end;
    return plain(start, end);
  }

  /** A one-line single- or double-quoted scalar without escapes, from its opening quote. */
  private ScalarNode quoted() {
    int start = pos;
    char q = s.charAt(pos++);
    StringBuilder value = null;
    int from = pos;
    while (true) {
      if (pos == n) {
        throw OUTSIDE;
      }
      char c = s.charAt(pos);
      if (c == '\n' || c == '\\' && q == '"') {
        throw OUTSIDE; // folded over lines, or escaped
      }
      if (c == q) {
        if (q == '\'' && pos + 1 < n && s.charAt(pos + 1) == '\'') {
          if (value == null) {
            value = new StringBuilder();
          }
          value.append(s, from, pos + 1);
          pos += 2;
          from = pos;
          continue;
        }
        break;
      }
      pos++;
    }
    String text = value == null ? s.substring(from, pos) : value.append(s, from, pos).toString();
    pos++;
    return new ScalarNode(
        RESOLVER.resolve(NodeId.scalar, text, false),
        true,
        text,
        mark(start),
        mark(pos),
        q == '\'' ? ScalarStyle.SINGLE_QUOTED : ScalarStyle.DOUBLE_QUOTED);
  }

  private ScalarNode plain(int start, int end) {
    String text = s.substring(start, end);
    return new ScalarNode(
        RESOLVER.plain(text), true, text, mark(start), mark(end), ScalarStyle.PLAIN);
  }

  /** The empty scalar SnakeYAML composes for a missing value, with both marks at {@code at}. */
  private static ScalarNode empty(Mark at) {
    return new ScalarNode(
        RESOLVER.resolve(NodeId.scalar, "", true), true, "", at, at, ScalarStyle.PLAIN);
  }

  /** Characters that start no plain scalar here ('-' and the flow brackets are decided apart). */
  private static boolean indicator(char c) {
    return "?:,[]{}#&*!|>'\"%@`".indexOf(c) >= 0;
  }

  private static boolean flowIndicator(char c) {
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
  }

  /** End of text, a space or a line break at {@code p}. */
  private boolean blankAt(int p) {
    return p >= n || s.charAt(p) == ' ' || s.charAt(p) == '\n';
  }

  /** A block sequence entry: {@code '-'} and a blank. */
  private boolean dashEntry() {
    return s.charAt(pos) == '-' && blankAt(pos + 1);
  }

  /** A document marker at the start of this line. */
  private boolean atMarker(String marker) {
    return pos == lineStart && s.startsWith(marker, pos) && blankAt(pos + 3);
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw OUTSIDE;
    }
  }

  private int column() {
    return pos - lineStart;
  }

  /** A mark at {@code index}, which is on the current line. */
  private Mark mark(int index) {
    return mark(index, line, lineStart);
  }

  private static Mark mark(int index, int line, int lineStart) {
    return new Mark(NAME, index, line, index - lineStart, NO_SNIPPET, 0);
  }

  private void skipSpaces() {
    while (pos < n && s.charAt(pos) == ' ') {
      pos++;
    }
  }

  /**
   * Spaces, line breaks and comments inside a flow collection, up to its next token (a document
   * marker or the end of the text is not one).
   */
  private void flowSpaces() {
    while (true) {
      skipSpaces();
      if (pos == n) {
        throw OUTSIDE;
      }
      char c = s.charAt(pos);
      if (c == '#' && (pos == lineStart || s.charAt(pos - 1) == ' ') || c == '\n') {
        nextLine();
        if (pos == n || atMarker("---") || atMarker("...")) {
          throw OUTSIDE;
        }
      } else {
        return;
      }
    }
  }

  /**
   * Ends the current line (spaces, then a comment or the break) and moves to the first character of
   * the next line with content, or the end.
   */
  private void endLine() {
    skipSpaces();
    if (pos < n) {
      char c = s.charAt(pos);
      if (c == '#' && pos > lineStart && s.charAt(pos - 1) == ' ') {
        nextLine();
      } else if (c == '\n') {
        nextLine();
      } else {
        throw OUTSIDE;
      }
    }
    skipBlank();
  }

  /** Skips empty and comment lines from the start of a line. */
  private void skipBlank() {
    while (pos < n) {
      int p = pos;
      while (p < n && s.charAt(p) == ' ') {
        p++;
      }
      if (p < n && (s.charAt(p) == '\n' || s.charAt(p) == '#')) {
        pos = p;
        nextLine();
      } else {
        pos = p;
        return;
      }
    }
  }

  private void nextLine() {
    int nl = s.indexOf('\n', pos);
    if (nl < 0) {
      pos = n;
      return;
    }
    pos = nl + 1;
    line++;
    lineStart = pos;
  }
}

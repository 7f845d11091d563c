package dev.lockstep.locate;

import dev.lockstep.locate.LocateException.Reason;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Query;
import dev.lockstep.model.Query.DocumentSelector;
import dev.lockstep.model.Query.YamlStep;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML. Finds values by path with SnakeYAML's node marks, which give the exact span of each scalar
 * in the file; multi-document files are searched document by document. Most files are composed by
 * {@link YamlSubset} into the same nodes, faster; the rest by SnakeYAML. Writes scalars keeping
 * their quoting: a plain scalar stays plain only while YAML still reads it as a string (so {@code
 * 1.10} never turns into a float), single quotes double an embedded quote, double quotes escape.
 * Block scalars and values with escapes are refused.
 */
public final class YamlFormat implements LocatorFormat<Query.Yaml> {
  private static final Resolver RESOLVER = new Resolver();

  /** Nesting a located YAML file may have (Helm values and manifests are a dozen or so deep). */
  static final int MAX_DEPTH = 64;

  /** Aliases to mappings and sequences a located YAML file may hold. */
  static final int MAX_ALIASES = 100;

  /**
   * Parsed documents by file text: a file is composed once however many locators point into it, and
   * an entry lives as long as the text it was parsed from.
   */
  private final Map<String, Parsed> parsed = Collections.synchronizedMap(new WeakHashMap<>());

  private record Parsed(List<Node> documents, boolean supplementary) {}

  YamlFormat() {}

  @Override
  public String key() {
    return "yaml";
  }

  @Override
  public List<Place> find(TextFile file, Locator locator, Query.Yaml query, List<String> notes)
      throws LocateException {
    return find(parse(file), file, locator, query, notes);
  }

  /**
   * One file's parse, held by a caller that locates several places in that file: composed on first
   * use and dropped with the holder, where {@link #find(TextFile, Locator, Query.Yaml, List)} keeps
   * it as long as the text lives. A file that does not parse fails each find the same way.
   */
  static final class Once {
    private Parsed parsed;
    private LocateException failure;

    Parsed of(TextFile file) throws LocateException {
      if (failure != null) {
        throw failure;
      }
      if (parsed == null) {
        try {
          parsed = compose(file);
        } catch (LocateException e) {
          failure = e;
          throw e;
        }
      }
      return parsed;
    }
  }

  /**
   * As {@link #find(TextFile, Locator, Query.Yaml, List)}, in the parse that {@code once} holds.
   */
  List<Place> find(Once once, TextFile file, Locator locator, Query.Yaml query, List<String> notes)
      throws LocateException {
    return find(once.of(file), file, locator, query, notes);
  }

  private List<Place> find(
      Parsed p, TextFile file, Locator locator, Query.Yaml query, List<String> notes) {
    List<Node> docs = p.documents();
    List<Node> selected = new ArrayList<>();
    if (query.document().isEmpty()) {
      selected.addAll(docs);
    } else if (query.document().get() instanceof DocumentSelector.ByIndex byIndex) {
      if (byIndex.index() >= 0 && byIndex.index() < docs.size()) {
        selected.add(docs.get(byIndex.index()));
      } else {
        notes.add(
            file.path() + " has " + docs.size() + " document(s), no document " + byIndex.index());
      }
    } else {
      DocumentSelector.ByField byField = (DocumentSelector.ByField) query.document().get();
      for (Node doc : docs) {
        for (Node n : walk(List.of(doc), byField.path())) {
          if (n instanceof ScalarNode s && s.getValue().equals(byField.value())) {
            selected.add(doc);
            break;
          }
        }
      }
    }
    List<Place> places = new ArrayList<>();
    boolean supp = p.supplementary();
    // distinct: an alias reaches the anchored node again, which is one place, not two
    for (Node n : distinct(walk(selected, query.steps()))) {
      if (n instanceof ScalarNode s) {
        places.add(place(file, locator, s, supp));
      } else {
        notes.add(
            file.path()
                + ":"
                + (n.getStartMark().getLine() + 1)
                + ": "
                + query.text()
                + " is a "
                + (n instanceof MappingNode ? "mapping" : "sequence")
                + ", not a single value");
      }
    }
    return places;
  }

  @Override
  public String encode(Place place, String value) throws EncodeException {
    if (!place.isSpliceable()) {
      throw new EncodeException(
          place.position()
              + ": the value is a block scalar or holds escapes; write it as a one-line value");
    }
    switch (place.style()) {
      case PLAIN:
        if (value.isEmpty()
            || !RESOLVER.resolve(NodeId.scalar, value, true).equals(Tag.STR)
            || value.contains(": ")
            || value.contains(" #")
            || "-?:,[]{}#&*!|>'\"%@`".indexOf(value.charAt(0)) >= 0) {
          throw new EncodeException(
              place.position()
                  + ": '"
                  + value
                  + "' would not read back as the same plain YAML string; quote the value in the file");
        }
        if (!RESOLVER.resolve(NodeId.scalar, place.value(), true).equals(Tag.STR)) {
          throw new EncodeException(
              place.position()
                  + ": the plain value '"
                  + place.value()
                  + "' is not a YAML string; quote it in the file");
        }
        return value;
      case SINGLE_QUOTED:
        return value.replace("'", "''");
      case DOUBLE_QUOTED:
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
      default:
        throw new EncodeException(place.position() + ": not a YAML scalar");
    }
  }

  private Parsed parse(TextFile file) throws LocateException {
    Parsed cached = parsed.get(file.text());
    if (cached != null) {
      return cached;
    }
    Parsed p = compose(file);
    parsed.put(file.text(), p);
    return p;
  }

  private static Parsed compose(TextFile file) throws LocateException {
    List<Node> subset = YamlSubset.compose(file.text());
    if (subset != null) {
      return new Parsed(subset, false); // the subset holds no supplementary characters
    }
    List<Node> docs;
    try {
      docs = composeAll(file.text());
    } catch (YAMLException e) {
      Optional<LocateException> limit = overLimit(file, e);
      if (limit.isPresent()) {
        throw limit.get();
      }
      if (!(e instanceof MarkedYAMLException marked)) {
        throw new LocateException(
            Reason.UNPARSABLE,
            file.path() + ": malformed YAML: " + firstLine(e.getMessage()),
            "fix the YAML");
      }
      Mark m = marked.getProblemMark();
      throw new LocateException(
          Reason.UNPARSABLE,
          file.path()
              + ":"
              + (m == null ? 1 : m.getLine() + 1)
              + ": malformed YAML: "
              + firstLine(marked.getProblem()),
          "fix the YAML, or use a regex locator for a template file");
    }
    return new Parsed(docs, hasSupplementary(file.text()));
  }

  /** Every document of {@code text} as SnakeYAML composes it, with this format's limits. */
  static List<Node> composeAll(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit((int) RepoFiles.MAX_BYTES);
    options.setAllowDuplicateKeys(true);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    // Only nodes are composed, never objects, so any tag (mkdocs' !!python/name:...) is harmless.
    options.setTagInspector(tag -> true);
    List<Node> docs = new ArrayList<>();
    // A bare composer, as Yaml.composeAll builds it: the Yaml facade would also set up
    // constructors, representers and java.util.logging, start-up a node tree never needs.
    Composer composer =
        new Composer(
            new ParserImpl(new StreamReader(new StringReader(text)), options),
            new Resolver(),
            options);
    while (composer.checkNode()) {
      Node n = composer.getNode();
      if (n != null) {
        docs.add(n);
      }
    }
    return List.copyOf(docs);
  }

  /**
   * A located file past SnakeYAML's limits (nesting, aliases to collections, length): one line
   * naming the limit, where SnakeYAML says it was hit.
   */
  private static Optional<LocateException> overLimit(TextFile file, YAMLException e) {
    String msg = String.valueOf(e.getMessage());
    String what;
    String fix;
    if (msg.contains("Nesting Depth")) {
      what = "YAML nested deeper than " + MAX_DEPTH + " levels";
      fix = "flatten the file, or use a regex locator for it";
    } else if (msg.contains("Number of aliases")) {
      what = "more than " + MAX_ALIASES + " aliases to collections (an alias bomb?)";
      fix = "write the entries out instead of aliasing them, or use a regex locator";
    } else if (msg.contains("exceeds the limit")) {
      what = "more than " + RepoFiles.MAX_BYTES + " code points of YAML";
      fix = "split the file";
    } else {
      return Optional.empty();
    }
    String where = file.path();
    if (e instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      where += ":" + (m.getProblemMark().getLine() + 1);
    }
    return Optional.of(new LocateException(Reason.UNPARSABLE, where + ": " + what, fix));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  private static List<Node> walk(List<Node> from, List<YamlStep> steps) {
    List<Node> current = from;
    for (YamlStep step : steps) {
      current = distinct(current);
      List<Node> next = new ArrayList<>();
      for (Node n : current) {
        if (step instanceof YamlStep.Key key && n instanceof MappingNode m) {
          addValues(m, key.name(), next, 0);
        } else if (step instanceof YamlStep.Index index && n instanceof SequenceNode s) {
          if (index.index() < s.getValue().size()) {
            next.add(s.getValue().get(index.index()));
          }
        } else if (step instanceof YamlStep.Match match && n instanceof SequenceNode s) {
          for (Node item : s.getValue()) {
            if (item instanceof MappingNode m) {
              List<Node> v = new ArrayList<>();
              addValues(m, match.key(), v, 0);
              if (v.stream()
                  .anyMatch(
                      x -> x instanceof ScalarNode sc && sc.getValue().equals(match.value()))) {
                next.add(item);
              }
            }
          }
        }
      }
      current = next;
    }
    return current;
  }

  /** Each node once: aliases reach one node many times, and must not multiply the walk. */
  private static List<Node> distinct(List<Node> nodes) {
    if (nodes.size() < 2) {
      return nodes;
    }
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Node> out = new ArrayList<>();
    for (Node n : nodes) {
      if (seen.add(n)) {
        out.add(n);
      }
    }
    return out;
  }

  /** The values of {@code key} in a mapping, looking through {@code <<} merge keys. */
  private static void addValues(MappingNode m, String key, List<Node> out, int depth) {
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        out.add(t.getValueNode());
        return;
      }
    }
    if (depth > 8) {
      return;
    }
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("<<")) {
        Node v = t.getValueNode();
        if (v instanceof MappingNode merged) {
          addValues(merged, key, out, depth + 1);
        } else if (v instanceof SequenceNode seq) {
          for (Node item : seq.getValue()) {
            if (item instanceof MappingNode merged) {
              addValues(merged, key, out, depth + 1);
            }
          }
        }
      }
    }
  }

  private Place place(TextFile file, Locator locator, ScalarNode s, boolean supp) {
    int start =
        supp ? charIndex(file.text(), s.getStartMark().getIndex()) : s.getStartMark().getIndex();
    int end = supp ? charIndex(file.text(), s.getEndMark().getIndex()) : s.getEndMark().getIndex();
    // The node's start mark sits before its anchor (&a) and tag (!!str); the value comes after.
    String text = file.text();
    while (start < end && (text.charAt(start) == '&' || text.charAt(start) == '!')) {
      while (start < end && !Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      while (start < end && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
    }
    ScalarStyle style = s.getScalarStyle();
    Place.Style st;
    if (style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED) {
      start++;
      end--;
      st =
          style == ScalarStyle.SINGLE_QUOTED
              ? Place.Style.SINGLE_QUOTED
              : Place.Style.DOUBLE_QUOTED;
    } else if (style == ScalarStyle.PLAIN) {
      st = Place.Style.PLAIN;
    } else {
      st = Place.Style.BLOCK;
    }
    return new Place(
        locator, file, start, end, s.getValue(), file.text().substring(start, end), st, this);
  }

  /** SnakeYAML counts code points; Java strings count UTF-16 units. */
  private static int charIndex(String text, int codePointIndex) {
    return text.offsetByCodePoints(0, codePointIndex);
  }

  private static boolean hasSupplementary(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}

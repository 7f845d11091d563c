package dev.lockstep.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lockstep.locate.RepoFiles;
import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.ImageArtifact;
import dev.lockstep.model.Problem;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Loads a graph file: YAML, then {@code *Spec} records, then the validated {@link ReleaseGraph}.
 * Every problem is collected before failing, each with file, line, column and YAML path.
 */
public final class GraphLoader {
  /** The schema version this build reads ({@code lockstep: 1}). */
  public static final int SCHEMA = 1;

  private GraphLoader() {}

  /** A graph file is hand-written YAML; anything larger is not one. */
  public static final int MAX_GRAPH_BYTES = 4 * 1024 * 1024;

  /** The longest scalar, deepest nesting and longest number a graph file may hold. */
  static final int MAX_SCALAR_CHARS = 64 * 1024;

  static final int MAX_DEPTH = 64;
  static final int MAX_NUMBER_CHARS = 64;
  static final int MAX_ALIASES = 50;

  public static ReleaseGraph load(Path file) {
    return load(file, repos -> {});
  }

  /**
   * As {@link #load(Path)}; {@code reposRead} hears the graph's repos as soon as they are read,
   * before the artifacts are, so that a caller can start reading git meanwhile. It is not called
   * when a problem was found by then: a repo path the graph may not read is never handed out.
   */
  public static ReleaseGraph load(Path file, Consumer<List<Repo>> reposRead) {
    Path abs = file.toAbsolutePath().normalize();
    byte[] bytes;
    // Checked before opening: a device or a FIFO (--graph /dev/zero) is never read.
    if (!Files.exists(abs)) {
      throw BadInputException.plain(
          file + ": graph file not found; pass --graph FILE or create graph/lockstep.yaml");
    }
    if (!Files.isRegularFile(abs)) {
      throw BadInputException.plain(
          file
              + ": not a regular file ("
              + (Files.isDirectory(abs) ? "a folder" : "a device, FIFO or socket")
              + "); pass --graph with the graph's YAML file");
    }
    try (InputStream in = Files.newInputStream(abs)) {
      bytes = in.readNBytes(MAX_GRAPH_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw BadInputException.plain(
          file + ": graph file not found; pass --graph FILE or create graph/lockstep.yaml");
    } catch (IOException e) {
      throw BadInputException.plain(file + ": cannot read graph file: " + e.getMessage());
    }
    if (bytes.length > MAX_GRAPH_BYTES) {
      throw BadInputException.plain(
          file
              + ": over "
              + MAX_GRAPH_BYTES / (1024 * 1024)
              + " MiB, too large for a graph file; split it, or pass --graph with the right file");
    }
    return parse(abs, decode(abs, bytes), reposRead);
  }

  /** Strict UTF-8, the first bad byte reported at its line and column. */
  private static String decode(Path file, byte[] bytes) {
    String text = RepoFiles.utf8(bytes);
    if (text != null) {
      return text;
    }
    int bad = firstBadByte(bytes);
    String before = new String(bytes, 0, bad, StandardCharsets.UTF_8); // valid up to the bad byte
    int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
    int column = before.length() - (before.lastIndexOf('\n') + 1) + 1;
    throw new BadInputException(
        Problem.at(
            Source.at(file, line, column, ""),
            String.format("not UTF-8 (byte 0x%02X)", bytes[bad] & 0xff),
            "save the graph file as UTF-8"));
  }

  private static int firstBadByte(byte[] bytes) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    java.nio.charset.CoderResult r = decoder.decode(in, out, true);
    return r.isError() ? in.position() : Math.max(0, bytes.length - 1);
  }

  /** Jackson and SnakeYAML with the limits a graph file fits well within. */
  static YAMLFactory factory() {
    LoaderOptions loader = new LoaderOptions();
    loader.setCodePointLimit(MAX_GRAPH_BYTES);
    loader.setMaxAliasesForCollections(MAX_ALIASES);
    loader.setNestingDepthLimit(MAX_DEPTH);
    loader.setAllowDuplicateKeys(true); // reported with both lines by SourceMap
    return YAMLFactory.builder()
        .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.EMPTY_STRING_AS_NULL)
        .loaderOptions(loader)
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxStringLength(MAX_SCALAR_CHARS)
                .maxNestingDepth(MAX_DEPTH)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .build())
        .build();
  }

  /** Parses graph text as if read from {@code file} (paths resolve against its folder). */
  public static ReleaseGraph parse(Path file, String text) {
    return parse(file, text, repos -> {});
  }

  private static ReleaseGraph parse(Path file, String text, Consumer<List<Repo>> reposRead) {
    List<Problem> problems = new ArrayList<>();
    YAMLFactory factory = factory();
    SourceMap positions;
    JsonNode root;
    refuseLongLines(file, text);
    try {
      positions = SourceMap.read(file, text, factory, problems);
      root = positions.root();
    } catch (JsonProcessingException e) {
      throw new BadInputException(overLimit(file, e).orElseGet(() -> malformed(file, e)));
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new BadInputException(
          overLimit(file, e)
              .orElseGet(
                  () ->
                      Problem.at(
                          Source.at(file, 1, 1, ""),
                          "malformed YAML: " + firstLine(e.getMessage()),
                          "fix the YAML syntax (indentation, quotes, colons)")));
    } catch (IOException e) {
      throw BadInputException.plain(file + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new BadInputException(
          Problem.at(
              Source.at(file, 1, 1, ""),
              "a graph file is a mapping",
              "start with lockstep: " + SCHEMA + ", then repos: and artifacts:"));
    }
    SpecReader reader = new SpecReader(positions, problems);
    Optional<GraphSpec> spec = reader.read(root, "", GraphSpec.class);
    if (spec.isEmpty()) {
      throw new BadInputException(sorted(problems));
    }
    GraphSpec g = spec.get();
    if (g.lockstep() == null || g.lockstep() != SCHEMA) {
      problems.add(
          Problem.at(
              positions.at("lockstep"),
              g.lockstep() == null
                  ? "missing 'lockstep: " + SCHEMA + "'"
                  : "unsupported schema lockstep: " + g.lockstep(),
              "this lockstep reads lockstep: " + SCHEMA));
    }
    ModelBuilder builder = new ModelBuilder(file, positions, problems);
    Map<ArtifactId, Repo> repos = new LinkedHashMap<>();
    Map<ArtifactId, Artifact> artifacts = new LinkedHashMap<>();
    orEmpty(g.repos())
        .forEach(
            (id, node) -> {
              if (!Names.check(id, positions.at(SourceMap.child("repos", id)), problems)) {
                return;
              }
              reader
                  .read(bodyOf(node), SourceMap.child("repos", id), RepoSpec.class)
                  .ifPresent(r -> repos.put(ArtifactId.of(id), builder.repo(id, r)));
            });
    if (problems.isEmpty()) {
      reposRead.accept(List.copyOf(repos.values()));
    }
    orEmpty(g.artifacts())
        .forEach(
            (id, node) -> {
              if (!Names.check(
                  String.valueOf(id),
                  positions.at(SourceMap.child("artifacts", String.valueOf(id))),
                  problems)) {
                return;
              }
              if (repos.containsKey(ArtifactId.of(id))) {
                problems.add(
                    Problem.at(
                        positions.at(SourceMap.child("artifacts", String.valueOf(id))),
                        "duplicate id '" + id + "': a repo has it already",
                        "ids are unique across repos and artifacts; rename one"));
                return;
              }
              reader
                  .read(
                      bodyOf(node),
                      SourceMap.child("artifacts", String.valueOf(id)),
                      ArtifactSpec.class)
                  .flatMap(s -> builder.artifact(id, s))
                  .ifPresent(a -> artifacts.put(a.id(), a));
            });
    new GraphChecks(positions, problems, repos, artifacts).run();
    List<dev.lockstep.model.Mirror> mirrors = new ArrayList<>();
    orEmpty(g.mirrors())
        .forEach(
            (from, to) -> {
              try {
                mirrors.add(dev.lockstep.model.Mirror.parse(from, to));
              } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                int fix = m.indexOf("; ");
                problems.add(
                    Problem.at(
                        positions.at(SourceMap.child("mirrors", from)),
                        fix < 0 ? m : m.substring(0, fix),
                        fix < 0 ? "" : m.substring(fix + 2)));
              }
            });
    if (!problems.isEmpty()) {
      throw new BadInputException(sorted(problems));
    }
    return ReleaseGraph.of(file, repos, artifacts).withMirrors(mirrors);
  }

  /**
   * A line longer than any value a graph needs is refused before YAML parsing, in one linear pass
   * (SnakeYAML's reader slows down quadratically on a very long token).
   */
  private static void refuseLongLines(Path file, String text) {
    int line = 1;
    // line by line with indexOf: a char loop over a large graph would run interpreted
    for (int start = 0; start <= text.length(); line++) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      if (end - start > MAX_SCALAR_CHARS) {
        throw new BadInputException(
            Problem.at(
                Source.at(file, line, 1, ""),
                "line "
                    + line
                    + " is "
                    + (end - start)
                    + " characters long, longer than the "
                    + MAX_SCALAR_CHARS
                    + " a graph file's values need",
                "a graph names files and versions; move data into the files it points at"));
      }
      start = end + 1;
    }
  }

  /** A parser limit that was hit, said as what it means for a graph file. */
  private static Optional<Problem> overLimit(Path file, Exception e) {
    String all = "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      all += " " + t.getMessage();
    }
    String what;
    String fix;
    if (all.contains("String value length") || all.contains("exceeds the limit")) {
      what = "a value longer than " + MAX_SCALAR_CHARS + " characters";
      fix = "a graph names files and versions; move data into the files it points at";
    } else if (all.contains("esting depth") || all.contains("Nesting Depth")) {
      what = "YAML nested deeper than " + MAX_DEPTH + " levels";
      fix = "a graph is a few levels deep; flatten it";
    } else if (all.contains("Number of aliases")) {
      what = "more than " + MAX_ALIASES + " aliases to collections (an alias bomb?)";
      fix = "write the entries out instead of aliasing them";
    } else if (all.contains("Number value length")) {
      what = "a number longer than " + MAX_NUMBER_CHARS + " digits";
      fix = "quote it if it is text; no count or document index is that large";
    } else {
      return Optional.empty();
    }
    int line = 1;
    int column = 1;
    if (e instanceof JsonProcessingException j && j.getLocation() != null) {
      line = Math.max(1, j.getLocation().getLineNr());
      column = Math.max(1, j.getLocation().getColumnNr());
    } else if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException m
        && m.getProblemMark() != null) {
      line = m.getProblemMark().getLine() + 1;
      column = m.getProblemMark().getColumn() + 1;
    }
    return Optional.of(Problem.at(Source.at(file, line, column, ""), what, fix));
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  /** SnakeYAML knows where the broken construct began (an opening quote) and what broke it. */
  private static Problem malformed(Path file, JsonProcessingException e) {
    String fix = "fix the YAML syntax (indentation, quotes, colons)";
    if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
      org.yaml.snakeyaml.error.Mark mark =
          m.getContextMark() != null ? m.getContextMark() : m.getProblemMark();
      String what =
          (m.getContext() == null ? "" : m.getContext() + ": ")
              + (m.getProblem() == null ? "" : m.getProblem());
      if (mark != null) {
        return Problem.at(
            Source.at(file, mark.getLine() + 1, mark.getColumn() + 1, ""),
            "malformed YAML: " + what,
            fix);
      }
    }
    JsonLocation l = e.getLocation();
    String reason = e.getOriginalMessage().lines().findFirst().orElse("malformed YAML");
    return Problem.at(
        Source.at(file, l == null ? 1 : l.getLineNr(), l == null ? 1 : l.getColumnNr(), ""),
        "malformed YAML: " + reason,
        fix);
  }

  /** An entry written with no body ({@code app:}) reads as an empty mapping, not as nothing. */
  private static JsonNode bodyOf(JsonNode node) {
    return node == null || node.isNull()
        ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        : node;
  }

  private static List<Problem> sorted(List<Problem> problems) {
    return problems.stream()
        .sorted(
            Comparator.comparingInt((Problem p) -> p.source().line())
                .thenComparingInt(p -> p.source().column()))
        .distinct()
        .toList();
  }

  private static boolean isImage(Artifact a) {
    return a != null && a.asImage().isPresent();
  }

  private static boolean isChart(Artifact a) {
    return a != null && a.asChart().isPresent();
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
    return m == null ? Map.of() : m;
  }

  /** Cross-entry checks: every id an entry names exists, and build edges have no cycle. */
  private record GraphChecks(
      SourceMap positions,
      List<Problem> problems,
      Map<ArtifactId, Repo> repos,
      Map<ArtifactId, Artifact> artifacts) {

    void run() {
      List<String> repoIds = repos.keySet().stream().map(ArtifactId::value).toList();
      List<String> allIds = new ArrayList<>(repoIds);
      artifacts.keySet().forEach(a -> allIds.add(a.value()));
      // a method per artifact: a loop body in a method called once would run interpreted
      for (Artifact a : artifacts.values()) {
        check(a, repoIds, allIds);
      }
      for (List<ArtifactId> cycle : buildCycles()) {
        problems.add(
            Problem.at(
                positions.at(SourceMap.child("artifacts", String.valueOf(cycle.get(0)))),
                "build cycle: "
                    + String.join(" -> ", cycle.stream().map(ArtifactId::value).toList()),
                "an artifact cannot be built from itself; remove one base: or dependencies: entry"));
      }
    }

    /** Whatever {@code a} names (its repo, targets, base, dependencies) is in the graph. */
    private void check(Artifact a, List<String> repoIds, List<String> allIds) {
      String path = SourceMap.child("artifacts", String.valueOf(a.id()));
      a.repo()
          .filter(r -> !repos.containsKey(r))
          .ifPresent(
              r ->
                  problems.add(
                      Problem.at(
                          positions.at(path + ".repo"),
                          "unknown repo '" + r + "'",
                          Suggest.hint(r.value(), repoIds))));
      for (var ref : a.uses()) {
        if (!repos.containsKey(ref.to()) && !artifacts.containsKey(ref.to())) {
          problems.add(
              Problem.at(
                  positions.at(ref.source().yamlPath() + ".to"),
                  "unknown artifact or repo '" + ref.to() + "' in to:",
                  Suggest.hint(ref.to().value(), allIds)));
        }
      }
      a.asImage()
          .flatMap(ImageArtifact::base)
          .filter(b -> !isImage(artifacts.get(b)))
          .ifPresent(
              b ->
                  problems.add(
                      Problem.at(
                          positions.at(path + ".base"),
                          "base '" + b + "' is not an image of this graph",
                          Suggest.hint(b.value(), allIds))));
      List<ArtifactId> dependencies =
          a.asChart().map(ChartArtifact::dependencies).orElse(List.of());
      for (int i = 0; i < dependencies.size(); i++) {
        ArtifactId d = dependencies.get(i);
        if (!isChart(artifacts.get(d))) {
          problems.add(
              Problem.at(
                  positions.at(path + ".dependencies[" + i + "]"),
                  "dependency '" + d + "' is not a chart of this graph",
                  Suggest.hint(d.value(), allIds)));
        }
      }
    }

    /**
     * Every build cycle among artifacts (one per back edge), each a path that ends where it starts.
     */
    private List<List<ArtifactId>> buildCycles() {
      Map<ArtifactId, Integer> state = new LinkedHashMap<>();
      List<List<ArtifactId>> cycles = new ArrayList<>();
      for (ArtifactId start : artifacts.keySet()) {
        visit(start, state, new ArrayList<>(), cycles);
      }
      return cycles;
    }

    private void visit(
        ArtifactId id,
        Map<ArtifactId, Integer> state,
        List<ArtifactId> stack,
        List<List<ArtifactId>> cycles) {
      Integer s = state.get(id);
      if (s != null && s == 2) {
        return;
      }
      if (s != null && s == 1) {
        List<ArtifactId> cycle = new ArrayList<>(stack.subList(stack.indexOf(id), stack.size()));
        cycle.add(id);
        cycles.add(cycle);
        return;
      }
      Artifact a = artifacts.get(id);
      if (a == null) {
        return;
      }
      state.put(id, 1);
      stack.add(id);
      for (ArtifactId next : ReleaseGraph.buildSources(a)) {
        visit(next, state, stack, cycles);
      }
      stack.remove(stack.size() - 1);
      state.put(id, 2);
    }
  }
}

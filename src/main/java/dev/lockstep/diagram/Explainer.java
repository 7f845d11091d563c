package dev.lockstep.diagram;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.diagram.Explanation.Dependent;
import dev.lockstep.diagram.Explanation.Fact;
import dev.lockstep.diagram.Explanation.Node;
import dev.lockstep.diagram.Explanation.Row;
import dev.lockstep.diagram.Explanation.Use;
import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.ImageArtifact;
import dev.lockstep.model.Policy;
import dev.lockstep.model.Reference;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Source;
import dev.lockstep.model.Stamp;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Survey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers "where is this named, at which version, and what is affected if it changes?" for one
 * artifact or repo, from the graph and what the survey read.
 */
public final class Explainer {

  /**
   * @throws dev.lockstep.model.BadInputException when {@code id} is neither a repo nor an artifact
   *     of {@code g}; the message names the closest id ("did you mean 'core-chart'?")
   */
  public Explanation explain(ReleaseGraph g, Survey s, ArtifactId id) {
    if (!g.contains(id)) {
      throw Ids.unknown("artifact or repo", id, Ids.allIds(g));
    }
    Optional<Repo> repo = g.repo(id);
    Optional<Artifact> artifact = g.artifact(id);
    List<Fact> facts = repo.isPresent() ? repoFacts(repo.get(), s) : artifactFacts(artifact.get());

    List<Row> ownVersion = new ArrayList<>();
    s.readings().stream()
        .filter(r -> r.isChartSelf() && r.target().equals(id))
        .forEach(r -> ownVersion.add(place(r)));

    List<Use> mentions = new ArrayList<>();
    for (Reference r : g.referencesTo(id)) {
      List<Row> places = s.readingsOf(r).stream().map(Explainer::place).toList();
      mentions.add(
          new Use(
              r.index(),
              r.from(),
              r.policy(),
              r.stamp(),
              r.placeholder(),
              r.unversioned(),
              r.source(),
              places,
              places.isEmpty() ? whyUnread(g, s, r) : Optional.empty()));
    }

    List<Node> builtFrom =
        artifact.map(a -> nodes(g, ReleaseGraph.buildSources(a))).orElse(List.of());
    List<Node> holds = new ArrayList<>();
    if (repo.isPresent()) {
      g.artifacts().values().stream()
          .filter(a -> a.repo().equals(Optional.of(id)))
          .forEach(a -> holds.add(new Node(a.id(), a.kind().label())));
    }

    List<Dependent> dependents = new ArrayList<>();
    for (Artifact a : g.artifacts().values()) {
      List<String> via = new ArrayList<>();
      if (ReleaseGraph.buildSources(a).contains(id)) {
        via.add("built from it");
      }
      if (a.uses().stream().anyMatch(r -> r.to().equals(id))) {
        via.add("references it");
      }
      if (!via.isEmpty()) {
        dependents.add(new Dependent(a.id(), a.kind().label(), via));
      }
    }
    List<Node> affected = nodes(g, List.copyOf(g.dependents(id)));

    Source declared = repo.map(Repo::source).orElseGet(() -> artifact.get().source());
    return new Explanation(
        id,
        Labels.what(g, id),
        artifact.flatMap(Artifact::repo),
        artifact.map(Artifact::isExternal).orElse(false),
        artifact.flatMap(Artifact::disabled),
        declared,
        facts,
        ownVersion,
        mentions,
        builtFrom,
        holds,
        dependents,
        affected);
  }

  /** The explanation for people; paths relative to {@code base} when they lie below it. */
  public String renderText(Explanation e, Path base) {
    Optional<Path> b = Optional.ofNullable(base);
    StringBuilder out = new StringBuilder();
    out.append(e.id()).append(": ").append(headline(e)).append('\n');
    List<String[]> facts = new ArrayList<>();
    facts.add(new String[] {"declared at", position(e.declaredAt(), b)});
    e.facts()
        .forEach(
            f ->
                facts.add(
                    new String[] {
                      f.key(), f.path() ? Labels.display(Path.of(f.value()), b) : f.value()
                    }));
    table(out, "  ", facts);

    if (!e.ownVersion().isEmpty()) {
      out.append("\nIts own version (")
          .append(count(e.ownVersion().size(), "place"))
          .append("):\n");
      List<String[]> rows = new ArrayList<>();
      e.ownVersion()
          .forEach(
              p ->
                  rows.add(
                      new String[] {
                        position(p, b), p.field().orElse("version"), shown(p.value()), reading(p)
                      }));
      table(out, "  ", rows);
    }

    out.append("\nNamed at (")
        .append(count(e.places().size(), "place"))
        .append(" in ")
        .append(count(e.references().size(), "reference"))
        .append(")");
    if (e.references().isEmpty()) {
      out.append(": nothing in the graph names it\n");
    } else {
      out.append(":\n");
      for (Use m : e.references()) {
        out.append("  ")
            .append(m.from())
            .append(" -> ")
            .append(e.id())
            .append(": ")
            .append(policy(m))
            .append(" (declared at ")
            .append(position(m.declaredAt(), b))
            .append(")\n");
        m.unversioned().ifPresent(why -> out.append("    unversioned: ").append(why).append('\n'));
        m.note().ifPresent(note -> out.append("    ").append(note).append('\n'));
        List<String[]> rows = new ArrayList<>();
        m.places()
            .forEach(p -> rows.add(new String[] {position(p, b), shown(p.value()), reading(p)}));
        table(out, "    ", rows);
      }
    }

    if (!e.builtFrom().isEmpty()) {
      out.append("\nBuilt from:\n");
      table(
          out,
          "  ",
          e.builtFrom().stream().map(n -> new String[] {n.id().value(), n.what()}).toList());
    }
    if (!e.holds().isEmpty()) {
      out.append("\nBuilds or keeps:\n");
      table(
          out, "  ", e.holds().stream().map(n -> new String[] {n.id().value(), n.what()}).toList());
    }
    out.append("\nDepends on it directly");
    if (e.dependents().isEmpty()) {
      out.append(": nothing\n");
    } else {
      out.append(":\n");
      table(
          out,
          "  ",
          e.dependents().stream()
              .map(d -> new String[] {d.id().value(), d.what(), String.join(", ", d.via())})
              .toList());
    }
    out.append("\nAffected if it changes");
    if (e.affected().isEmpty()) {
      out.append(": nothing\n");
    } else {
      out.append(" (").append(e.affected().size()).append("):\n");
      table(
          out,
          "  ",
          e.affected().stream().map(n -> new String[] {n.id().value(), n.what()}).toList());
    }
    return out.toString();
  }

  /**
   * The explanation for scripts, keys in a fixed order: {@code {id, what, repo, external, enabled,
   * disabledReason, declaredAt, facts: {..}, ownVersion: [place], references: [{from, policy,
   * stamp, placeholder, unversioned, declaredAt, note, places: [place]}], builtFrom, holds,
   * dependents: [{id, what, via}], affected}}, where a place is {@code {file, line, column, value,
   * version, format, placeholder[, field]}} with {@code file} relative to {@code base} when below
   * it.
   */
  public String renderJson(Explanation e, Path base) {
    Optional<Path> b = Optional.ofNullable(base);
    ObjectNode root = Json.object();
    root.put("id", e.id().value());
    root.put("what", e.what());
    Json.put(root, "repo", e.repo());
    root.put("external", e.external());
    root.put("enabled", e.disabledReason().isEmpty());
    Json.put(root, "disabledReason", e.disabledReason());
    root.put("declaredAt", position(e.declaredAt(), b));
    ObjectNode facts = root.putObject("facts");
    e.facts()
        .forEach(
            f -> facts.put(f.key(), f.path() ? Labels.display(Path.of(f.value()), b) : f.value()));
    ArrayNode own = root.putArray("ownVersion");
    e.ownVersion().forEach(p -> place(own, p, b).put("field", p.field().orElse("version")));
    ArrayNode refs = root.putArray("references");
    for (Use m : e.references()) {
      ObjectNode o = refs.addObject();
      o.put("from", m.from().value());
      o.put("policy", m.policy().name().toLowerCase(Locale.ROOT));
      o.put("stamp", m.stamp().name().toLowerCase(Locale.ROOT));
      Json.put(o, "placeholder", m.placeholder());
      Json.put(o, "unversioned", m.unversioned());
      o.put("declaredAt", position(m.declaredAt(), b));
      Json.put(o, "note", m.note());
      ArrayNode places = o.putArray("places");
      m.places().forEach(p -> place(places, p, b));
    }
    nodes(root.putArray("builtFrom"), e.builtFrom());
    nodes(root.putArray("holds"), e.holds());
    ArrayNode deps = root.putArray("dependents");
    for (Dependent d : e.dependents()) {
      ObjectNode o = deps.addObject();
      o.put("id", d.id().value());
      o.put("what", d.what());
      ArrayNode via = o.putArray("via");
      d.via().forEach(via::add);
    }
    nodes(root.putArray("affected"), e.affected());
    return Json.write(root);
  }

  private static String headline(Explanation e) {
    StringBuilder sb = new StringBuilder();
    if (e.what().equals("repo")) {
      sb.append("repo");
    } else if (e.external()) {
      sb.append("external ").append(e.what());
    } else {
      sb.append(e.what()).append(" of repo ").append(e.repo().map(ArtifactId::value).orElse("?"));
    }
    e.disabledReason().ifPresent(why -> sb.append(", disabled: ").append(why));
    return sb.toString();
  }

  private static List<Fact> repoFacts(Repo r, Survey s) {
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("checkout", r.root().toString(), true));
    facts.add(Fact.of("checked out", s.skippedRepos().contains(r.id()) ? "no" : "yes"));
    r.url().ifPresent(u -> facts.add(Fact.of("url", u)));
    facts.add(Fact.of("tag format", r.tagFormat().template()));
    facts.add(Fact.of("branch", r.branch()));
    return facts;
  }

  private static List<Fact> artifactFacts(Artifact a) {
    List<Fact> facts =
        new ArrayList<>(
            a.match(
                Explainer::imageFacts,
                Explainer::chartFacts,
                h -> h.path().map(p -> List.of(Fact.of("path", p))).orElse(List.of()),
                f -> f.path().map(p -> List.of(Fact.of("path", p))).orElse(List.of()),
                s ->
                    List.of(
                        Fact.of("path", s.path()),
                        Fact.of("prepare", String.join(" ", s.prepare())))));
    if (a.isExternal()) {
      facts.add(
          Fact.of("pinned", a.pinned().map(Object::toString).orElse("not pinned (looked up)")));
    }
    return facts;
  }

  private static List<Fact> imageFacts(ImageArtifact i) {
    List<Fact> facts = new ArrayList<>();
    facts.add(Fact.of("name", i.name()));
    facts.add(Fact.of("tag format", i.tagFormat().template()));
    if (i.build().isPresent()) {
      facts.add(
          Fact.of(
              "build",
              "jib recipe"
                  + i.build().get().from().map(f -> " from " + f).orElse(" from scratch")));
    } else if (!i.isExternal()) {
      facts.add(Fact.of("build", "built elsewhere (no build: recipe)"));
    }
    i.base().ifPresent(base -> facts.add(Fact.of("base", base.value())));
    return facts;
  }

  private static List<Fact> chartFacts(ChartArtifact c) {
    List<Fact> facts = new ArrayList<>();
    if (!c.isExternal()) {
      facts.add(Fact.of("path", c.path().isEmpty() ? "." : c.path()));
      facts.add(Fact.of("chart file", c.chartYaml()));
    }
    c.publish().ifPresent(p -> facts.add(Fact.of("publish", p)));
    facts.add(Fact.of("version format", c.versionFormat().template()));
    c.appVersionFormat().ifPresent(f -> facts.add(Fact.of("appVersion format", f.template())));
    c.versionPlaceholder().ifPresent(p -> facts.add(Fact.of("version placeholder", p)));
    c.appVersionPlaceholder().ifPresent(p -> facts.add(Fact.of("appVersion placeholder", p)));
    if (!c.dependencies().isEmpty()) {
      facts.add(
          Fact.of(
              "dependencies",
              String.join(", ", c.dependencies().stream().map(ArtifactId::value).toList())));
    }
    return facts;
  }

  /** Why a reference has no reading: the first reason that applies. */
  private static Optional<String> whyUnread(ReleaseGraph g, Survey s, Reference r) {
    if (r.unversioned().isPresent()) {
      return Optional.empty();
    }
    Optional<Artifact> from = g.artifact(r.from());
    if (from.isPresent() && !from.get().enabled()) {
      return Optional.of("not read: " + r.from() + " is disabled");
    }
    if (g.artifact(r.to()).map(t -> !t.enabled()).orElse(false)) {
      return Optional.of("not read: " + r.to() + " is disabled");
    }
    if (r.at().isEmpty()) {
      return Optional.of("no place declared: it says nowhere which version it uses");
    }
    if (from.isPresent() && from.get().isExternal()) {
      return Optional.of("not read: " + r.from() + " is external, its files are not ours to read");
    }
    Optional<ArtifactId> repo = from.flatMap(Artifact::repo);
    if (repo.isPresent() && s.skippedRepos().contains(repo.get())) {
      return Optional.of("not read: repo " + repo.get() + " is not checked out");
    }
    return Optional.of(
        "nothing found at its "
            + count(r.at().size(), "declared place")
            + " (see lockstep verify)");
  }

  private static Row place(Reading r) {
    return new Row(
        r.place().file().absolute(),
        r.place().file().path(),
        r.place().line(),
        r.place().column(),
        r.place().value(),
        r.version(),
        r.digest(),
        r.format().template(),
        r.policy() == Policy.PLACEHOLDER,
        r.isChartSelf()
            ? r.place().locator().chartField().or(() -> Optional.of("version"))
            : Optional.empty(),
        r.isPin(),
        r.override());
  }

  private static List<Node> nodes(ReleaseGraph g, List<ArtifactId> ids) {
    return ids.stream().map(i -> new Node(i, Labels.what(g, i))).toList();
  }

  private static void nodes(ArrayNode into, List<Node> nodes) {
    for (Node n : nodes) {
      ObjectNode o = into.addObject();
      o.put("id", n.id().value());
      o.put("what", n.what());
    }
  }

  private static ObjectNode place(ArrayNode into, Row p, Optional<Path> base) {
    ObjectNode o = into.addObject();
    o.put("file", Labels.display(p.file(), base));
    o.put("line", p.line());
    o.put("column", p.column());
    o.put("value", p.value());
    Json.put(o, "version", p.version());
    o.put("format", p.format());
    o.put("placeholder", p.placeholder());
    if (p.pin()) {
      o.put("pin", true);
    }
    p.override().ifPresent(env -> o.put("override", env));
    return o;
  }

  /** What was read at a place, in words. */
  private static String reading(Row p) {
    if (p.placeholder()) {
      return "placeholder";
    }
    if (p.version().isEmpty()) {
      return "not a version in format " + p.format();
    }
    String v = p.version().get() + p.digest().map(d -> " @ " + d).orElse("");
    if (p.override().isPresent()) {
      return "effective version in " + p.override().get() + ": " + v + " (override)";
    }
    return "version " + v + (p.pin() ? " (pin of its repo)" : "");
  }

  /**
   * A value as written; quoted when it is empty or holds spaces, so it cannot vanish in a column.
   */
  private static String shown(String value) {
    return value.isEmpty() || !value.equals(value.strip()) || value.contains(" ")
        ? "'" + value + "'"
        : value;
  }

  private static String policy(Use m) {
    StringBuilder sb = new StringBuilder();
    if (m.unversioned().isPresent()) {
      sb.append("unversioned");
    } else if (m.policy() == Policy.PLACEHOLDER) {
      sb.append("placeholder ").append(m.placeholder().orElse("?"));
    } else {
      sb.append("literal");
    }
    if (m.stamp() == Stamp.REGULAR) {
      sb.append(", stamp regular");
    }
    return sb.toString();
  }

  private static String position(Row p, Optional<Path> base) {
    return Labels.display(p.file(), base) + ":" + p.line() + ":" + p.column();
  }

  private static String position(Source s, Optional<Path> base) {
    return Labels.display(s.file(), base) + ":" + s.line() + ":" + s.column();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** Rows as aligned columns, two spaces apart; the last column is not padded. */
  private static void table(StringBuilder out, String indent, List<String[]> rows) {
    int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < r.length - 1; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < r.length; i++) {
        line.append(r[i]);
        if (i < r.length - 1) {
          line.append(" ".repeat(width[i] - r[i].length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}

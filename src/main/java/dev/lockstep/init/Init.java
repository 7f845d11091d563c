package dev.lockstep.init;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.init.Draft.DArtifact;
import dev.lockstep.init.Draft.DLoc;
import dev.lockstep.init.Draft.DRef;
import dev.lockstep.init.Draft.DRepo;
import dev.lockstep.locate.Locate;
import dev.lockstep.locate.LocateException;
import dev.lockstep.locate.RepoFiles;
import dev.lockstep.model.Artifact;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Reference;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Survey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code lockstep init}: drafts a graph from checkouts, checks that every locator of the draft
 * finds exactly the places it was drafted from (commenting out any that does not), and with {@code
 * --update} proposes only the places an existing graph does not declare.
 */
public final class Init {
  private Init() {}

  /** A draft: the graph text, why each entry is there, and a count for the summary. */
  public record Result(String text, List<String> explain, String summary) {}

  /** What {@code --update} proposes: text to append, its diff, and the new places. */
  public record Update(String appended, String diff, List<String> places) {}

  /** Drafts a graph for the checkouts {@code repoDirs}, to be written at {@code output}. */
  public static Result draft(List<Path> repoDirs, Path output) {
    Path out = output.toAbsolutePath().normalize();
    List<Checkout> checkouts = open(repoDirs);
    try {
      Draft d = new Drafter(checkouts, out.getParent()).run();
      selfCheck(d, out);
      String text = DraftWriter.write(d, true);
      GraphLoader.parse(out, text); // a draft that does not load is a bug, said loudly
      return new Result(text, explain(d), summary(d));
    } finally {
      checkouts.forEach(Checkout::close);
    }
  }

  private static List<Checkout> open(List<Path> dirs) {
    List<Checkout> out = new ArrayList<>();
    try {
      for (Path p : dirs) {
        out.add(Checkout.open(p));
      }
    } catch (IOException e) {
      out.forEach(Checkout::close);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      out.forEach(Checkout::close);
      throw e;
    }
    return out;
  }

  /**
   * Reads every live locator of the draft the way verify will, and comments out any that does not
   * find exactly what init saw.
   */
  private static void selfCheck(Draft d, Path out) {
    String text = DraftWriter.write(d, true);
    ReleaseGraph g = GraphLoader.parse(out, text);
    Locate locate = new Locate();
    Map<String, RepoFiles> files = new HashMap<>();
    for (DArtifact a : d.artifacts) {
      Optional<Artifact> ga = g.artifact(dev.lockstep.model.ArtifactId.of(a.id));
      if (ga.isEmpty() || a.repo == null) {
        continue;
      }
      Repo repo = g.repo(dev.lockstep.model.ArtifactId.of(a.repo)).orElseThrow();
      RepoFiles rf = files.computeIfAbsent(a.repo, k -> new RepoFiles(repo.root()));
      List<DRef> live = a.uses.stream().filter(r -> r.unsure == null).toList();
      List<Reference> refs = ga.get().uses();
      for (int i = 0; i < live.size() && i < refs.size(); i++) {
        DRef r = live.get(i);
        for (int j = 0; j < r.at.size(); j++) {
          DLoc l = r.at.get(j);
          if (l.chart != null) {
            continue;
          }
          Locator loc = refs.get(i).at().get(j);
          try {
            int n = locate.locate(rf, loc).places().size();
            if (n != l.count) {
              r.unsure = loc.describe() + " finds " + n + " place(s), init saw " + l.count;
            }
          } catch (LocateException e) {
            r.unsure = e.getMessage();
          }
        }
      }
    }
  }

  private static List<String> explain(Draft d) {
    List<String> out = new ArrayList<>();
    for (DRepo r : d.repos) {
      out.add(r.id + ": " + r.why);
    }
    for (DArtifact a : DraftWriter.ordered(d)) {
      out.add(a.id + " (" + a.kind + "): " + String.join("; ", a.why));
      for (DRef r : a.uses) {
        for (DLoc l : r.at) {
          String where = l.chart != null ? "chart " + l.chart : l.file + ":" + join(l.lines);
          out.add(
              "  -> "
                  + r.to
                  + " at "
                  + where
                  + ": "
                  + r.why
                  + (r.unsure == null ? "" : " [commented out: " + r.unsure + "]"));
        }
      }
    }
    return out;
  }

  private static String join(List<Integer> lines) {
    return String.join(",", lines.stream().map(String::valueOf).toList());
  }

  private static String summary(Draft d) {
    long refs = d.artifacts.stream().mapToLong(a -> a.uses.size()).sum();
    long unsure =
        d.artifacts.stream().flatMap(a -> a.uses.stream()).filter(r -> r.unsure != null).count();
    return d.repos.size()
        + " repo(s), "
        + d.artifacts.size()
        + " artifact(s), "
        + refs
        + " reference(s), "
        + unsure
        + " commented out as unsure, "
        + d.notModelled.stream().distinct().count()
        + " thing(s) not modelled";
  }

  // ------------------------------------------------------------------ --update

  /**
   * Drafts again and keeps only the places {@code graphFile} does not declare (nor exclude from its
   * scan), as new entries appended to its {@code artifacts:}; what a person wrote is never
   * rewritten.
   */
  public static Update update(Path graphFile, List<Path> repoDirs) {
    Path file = graphFile.toAbsolutePath().normalize();
    ReleaseGraph g = GraphLoader.load(file);
    String original;
    try {
      original = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Path> dirs = new ArrayList<>(repoDirs);
    if (dirs.isEmpty()) {
      g.repos().values().stream()
          .filter(r -> r.checkout().isPresent())
          .forEach(r -> dirs.add(r.root()));
    }
    Set<String> declared = new HashSet<>();
    for (Reading r : Survey.of(g).readings()) {
      declared.add(r.place().file().absolute().normalize() + ":" + r.place().line());
    }
    List<Checkout> checkouts = open(dirs);
    Draft d;
    try {
      d = new Drafter(checkouts, file.getParent()).run();
      selfCheck(d, file);
    } finally {
      checkouts.forEach(Checkout::close);
    }
    // Ids of the person's graph for what it already has.
    Map<String, String> rename = new HashMap<>();
    Map<String, Path> roots = new HashMap<>();
    for (DRepo r : d.repos) {
      Path root = file.getParent().resolve(r.path).normalize();
      roots.put(r.id, root);
      g.repos().values().stream()
          .filter(x -> x.root().normalize().equals(root))
          .findFirst()
          .ifPresent(x -> rename.put(r.id, x.id().toString()));
    }
    Set<String> known = new HashSet<>();
    for (DArtifact a : d.artifacts) {
      for (Artifact x : g.artifacts().values()) {
        if (same(a, x, rename)) {
          rename.put(a.id, x.id().toString());
          known.add(a.id);
        }
      }
    }
    Draft proposal = new Draft();
    g.repos().keySet().forEach(id -> proposal.repos.add(repoStub(id.toString())));
    g.artifacts().keySet().forEach(id -> proposal.artifacts.add(stub(id.toString())));
    int existing = proposal.artifacts.size();
    List<String> places = new ArrayList<>();
    Set<String> neededTargets = new HashSet<>();
    List<DArtifact> added = new ArrayList<>();
    for (DArtifact a : d.artifacts) {
      if (a.repo == null || !rename.containsKey(a.repo)) {
        continue;
      }
      Path root = roots.get(a.repo);
      Repo repo = g.repo(dev.lockstep.model.ArtifactId.of(rename.get(a.repo))).orElseThrow();
      List<PathMatcher> exclude =
          repo.scanExclude().stream()
              .map(x -> FileSystems.getDefault().getPathMatcher("glob:" + x))
              .toList();
      DArtifact n = null;
      for (DRef r : a.uses) {
        if (r.unsure != null) {
          continue;
        }
        List<DLoc> fresh = new ArrayList<>();
        for (DLoc l : r.at) {
          if (l.chart != null || exclude.stream().anyMatch(m -> m.matches(Path.of(l.file)))) {
            continue;
          }
          boolean any =
              l.lines.stream()
                  .anyMatch(
                      line -> declared.contains(root.resolve(l.file).normalize() + ":" + line));
          if (!any) {
            fresh.add(l);
            l.lines.forEach(line -> places.add(rename.get(a.repo) + "/" + l.file + ":" + line));
          }
        }
        if (fresh.isEmpty()) {
          continue;
        }
        if (n == null) {
          n = new DArtifact();
          n.kind = "chart".equals(a.kind) ? "file" : a.kind;
          n.repo = rename.get(a.repo);
          n.path = a.path != null && !"chart".equals(a.kind) ? a.path : fresh.get(0).file;
          String base = known.contains(a.id) ? a.id + "-new" : a.id;
          n.id = proposal.uniqueId(base, n.repo);
          proposal.artifacts.add(n);
          added.add(n);
        }
        DRef copy = new DRef();
        copy.to = r.to;
        copy.format = r.format;
        copy.stamp = r.stamp;
        copy.at.addAll(fresh);
        n.uses.add(copy);
        neededTargets.add(r.to);
      }
    }
    // Targets the person's graph lacks come along, with their own definitions.
    for (String t : neededTargets) {
      if (rename.containsKey(t) || d.repos.stream().anyMatch(r -> r.id.equals(t))) {
        continue;
      }
      d.artifact(t)
          .ifPresent(
              a -> {
                DArtifact c = copyDefinition(a);
                c.id = proposal.uniqueId(a.id, null);
                rename.put(a.id, c.id);
                proposal.artifacts.add(c);
                added.add(0, c);
              });
    }
    for (DArtifact a : added) {
      for (DRef r : a.uses) {
        r.to = rename.getOrDefault(r.to, r.to);
      }
      a.repo = a.repo == null ? null : rename.getOrDefault(a.repo, a.repo);
    }
    if (added.isEmpty()) {
      return new Update("", "", List.of());
    }
    Draft out = new Draft();
    out.artifacts.addAll(proposal.artifacts.subList(existing, proposal.artifacts.size()));
    StringBuilder sb = new StringBuilder("\n  # proposed by lockstep init --update\n");
    String body = DraftWriter.write(out, false);
    sb.append(body.startsWith("\n") ? body.substring(1) : body);
    String appended = sb.toString();
    String merged = (original.endsWith("\n") ? original : original + "\n") + appended;
    try {
      GraphLoader.parse(file, merged);
    } catch (BadInputException e) {
      throw BadInputException.plain(
          file
              + ": the proposal does not load on top of this graph ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); is artifacts: the last section of the file?");
    }
    return new Update(appended, diff(file, original, appended), places);
  }

  private static boolean same(DArtifact a, Artifact x, Map<String, String> rename) {
    return x.match(
        i -> "image".equals(a.kind) && i.name().equals(a.name),
        c -> "chart".equals(a.kind) && sameChart(a, c, rename),
        h -> false,
        f -> false,
        s -> false);
  }

  private static boolean sameChart(DArtifact a, ChartArtifact c, Map<String, String> rename) {
    if (a.repo != null) {
      return c.repo().map(r -> r.toString().equals(rename.get(a.repo))).orElse(false)
          && c.chartYaml().equals((a.path.equals(".") ? "" : a.path + "/") + "Chart.yaml");
    }
    return c.repo().isEmpty() && c.id().toString().equals(a.id);
  }

  private static DRepo repoStub(String id) {
    DRepo r = new DRepo();
    r.id = id;
    return r;
  }

  private static DArtifact stub(String id) {
    DArtifact a = new DArtifact();
    a.id = id;
    a.kind = "stub";
    return a;
  }

  private static DArtifact copyDefinition(DArtifact a) {
    DArtifact c = new DArtifact();
    c.kind = a.kind;
    c.repo = a.repo;
    c.path = a.path;
    c.name = a.name;
    c.tag = a.tag;
    c.publish = a.publish;
    c.version = a.version;
    c.appVersion = a.appVersion;
    c.placeholder = a.placeholder;
    c.appPlaceholder = a.appPlaceholder;
    c.externalVersion = a.externalVersion;
    c.externalRepository = a.externalRepository;
    c.externalChart = a.externalChart;
    return c;
  }

  /** A unified diff of appending {@code appended} to {@code original}. */
  static String diff(Path file, String original, String appended) {
    List<String> old = original.lines().toList();
    List<String> add = appended.lines().toList();
    int ctx = Math.min(3, old.size());
    int start = old.size() - ctx;
    StringBuilder sb = new StringBuilder();
    String name = file.getFileName().toString();
    sb.append("--- a/").append(name).append('\n').append("+++ b/").append(name).append('\n');
    sb.append("@@ -")
        .append(start + 1)
        .append(',')
        .append(ctx)
        .append(" +")
        .append(start + 1)
        .append(',')
        .append(ctx + add.size())
        .append(" @@\n");
    for (int i = start; i < old.size(); i++) {
      sb.append(' ').append(old.get(i)).append('\n');
    }
    for (String l : add) {
      sb.append('+').append(l).append('\n');
    }
    return sb.toString();
  }
}

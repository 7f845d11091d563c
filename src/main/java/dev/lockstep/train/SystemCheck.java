package dev.lockstep.train;

import dev.lockstep.gitrepo.GitRepo;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.plan.Action;
import dev.lockstep.plan.Plan;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Rule;
import dev.lockstep.survey.Severity;
import dev.lockstep.survey.Survey;
import dev.lockstep.verify.Verifier;
import dev.lockstep.verify.VerifyReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Verify of the system as it will be after the train: each repo's tracked files copied to a scratch
 * folder with its release commit's rewrites applied, the graph pointed at those copies ({@link
 * ReleaseGraph#withRepoAt}), and the survey and agreement checks run over them. Placeholder places
 * hold versions in release commits by design, and self-references are checked against tags the
 * train has not made yet, so those rules are left to the release itself; digest places of images
 * not built yet keep their old digest (the plan lists them).
 */
public final class SystemCheck {
  /** Rules that describe a release commit by design, not a disagreement. */
  private static final Set<Rule> BY_DESIGN =
      Set.of(Rule.PLACEHOLDER, Rule.SELF_REFERENCE, Rule.NO_RELEASE, Rule.REFERENCE_CYCLE);

  private SystemCheck() {}

  /**
   * @return one line per error, {@code file:line: message}, with paths as the repos name them;
   *     empty when the system after the train verifies
   */
  public static List<String> run(ReleaseGraph graph, TrainPlan plan, Path scratch)
      throws IOException {
    Map<Path, String> rootNames = new LinkedHashMap<>();
    ReleaseGraph after = graph;
    for (Map.Entry<ArtifactId, Plan> e : plan.plans().entrySet()) {
      Repo repo = graph.repo(e.getKey()).orElseThrow();
      Path copy = scratch.resolve(e.getKey().value());
      copyTracked(repo.root(), copy);
      for (Action.RewriteFile r : e.getValue().actions(Action.RewriteFile.class)) {
        Path file = copy.resolve(r.path());
        Files.createDirectories(file.getParent());
        Files.writeString(file, r.after(), StandardCharsets.UTF_8);
      }
      after = after.withRepoAt(e.getKey(), copy);
      rootNames.put(copy.toAbsolutePath().normalize(), e.getKey().value());
    }
    return errors(after, rootNames);
  }

  /**
   * Verify of release commits checked out at {@code roots} (repo to folder): the same checks, for
   * the system a train left.
   */
  public static List<String> verifyAt(ReleaseGraph graph, Map<ArtifactId, Path> roots) {
    ReleaseGraph at = graph;
    Map<Path, String> rootNames = new LinkedHashMap<>();
    for (Map.Entry<ArtifactId, Path> e : roots.entrySet()) {
      at = at.withRepoAt(e.getKey(), e.getValue());
      rootNames.put(e.getValue().toAbsolutePath().normalize(), e.getKey().value());
    }
    return errors(at, rootNames);
  }

  private static List<String> errors(ReleaseGraph after, Map<Path, String> rootNames) {
    Survey survey = Survey.of(after);
    VerifyReport report = Verifier.verify(after, survey);
    List<String> out = new ArrayList<>();
    for (Finding f : report.findings()) {
      if (f.severity() != Severity.ERROR || BY_DESIGN.contains(f.rule())) {
        continue;
      }
      boolean inTrain = false;
      List<String> where = new ArrayList<>();
      for (Location l : f.locations()) {
        Path file = l.file().toAbsolutePath().normalize();
        for (Map.Entry<Path, String> root : rootNames.entrySet()) {
          if (file.startsWith(root.getKey())) {
            inTrain = true;
            where.add(
                root.getValue()
                    + ":"
                    + root.getKey().relativize(file).toString().replace('\\', '/')
                    + ":"
                    + l.line());
          }
        }
      }
      if (inTrain) {
        out.add(String.join(", ", where) + ": " + f.message());
      }
    }
    return out;
  }

  /** The tracked files of a clean work tree (its HEAD), symlinks as links. */
  private static void copyTracked(Path root, Path into) throws IOException {
    deleteTree(into);
    Files.createDirectories(into);
    List<String> tracked;
    try (GitRepo git = GitRepo.open(root).orElseThrow()) {
      tracked = git.trackedFiles();
    }
    for (String path : tracked) {
      Path from = root.resolve(path);
      Path to = into.resolve(path);
      if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Files.createDirectories(to.getParent());
      Files.copy(from, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

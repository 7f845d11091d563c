package dev.lockstep.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Version;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.PlanPrinter;
import dev.lockstep.release.ReleaseListener;
import dev.lockstep.release.ReleaseOptions;
import dev.lockstep.release.ReleaseResult;
import dev.lockstep.release.ReleasedTree;
import dev.lockstep.release.Releaser;
import dev.lockstep.train.SystemCheck;
import dev.lockstep.train.TrainException;
import dev.lockstep.train.TrainManifest;
import dev.lockstep.train.TrainPlan;
import dev.lockstep.train.TrainPlanner;
import dev.lockstep.train.TrainRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    addMethodSubcommands = false,
    name = "train",
    description = {
      "Releases a set of repos as one unit, upstream first.",
      "",
      "Repo B is upstream of repo A when an artifact of A names an artifact (or the release line)",
      "of B; references marked train: follow do not count. Each repo is released as lockstep",
      "release does, and its release commit also moves its references to the train's new versions",
      "of its upstreams (digests included, once built). Before anything is published: the",
      "preflight of every repo, then verify of the whole system as the release commits will leave",
      "it. The train manifest (train-ID.json in --output) records each repo's commit, tag and",
      "digests; running the same train again resumes it.",
    },
    footer = {
      "",
      "Examples:",
      "  lockstep train ocm-status-addon=0.2.0-rc17 kubestellar=0.30.0 --dry-run",
      "  lockstep train --changed --next patch --registry ghcr.io",
      "  lockstep train kubeflex=0.9.0 kubestellar=0.30.0 --format github-matrix",
      "  lockstep train kubeflex=0.9.0 kubestellar=0.30.0 --only kubestellar   # one stage job",
      "",
      "Exit codes: 0 released, 1 failed part-way (re-run to resume), 2 refused before publishing anything.",
    },
    usageHelpWidth = 100,
    sortOptions = false)
final class TrainCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Mixin CommonOptions common;

  @Mixin ReleaseTargets targets;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "REPO=VERSION",
      arity = "0..*",
      description = "The repos of the train and their versions.")
  List<String> members = List.of();

  @Option(
      names = "--changed",
      description = "Every repo with commits since its last release (with --next).")
  boolean changed;

  @Option(
      names = "--next",
      paramLabel = "RULE",
      description = "patch, minor, major or prerelease: the next version of each --changed repo.")
  String next;

  @Option(
      names = "--only",
      paramLabel = "REPO",
      description = "Release only this repo of the train (its upstreams must be released).")
  String only;

  @Option(
      names = {"-j", "--jobs"},
      paramLabel = "N",
      defaultValue = "4",
      description =
          "Release up to N repos of one stage at the same time, in this process"
              + " (default: ${DEFAULT-VALUE}; 1: one by one).")
  int jobs;

  @Option(
      names = {"-n", "--dry-run"},
      description = "Print the plan and change nothing.")
  boolean dryRun;

  @Option(
      names = "--verify-released",
      description =
          "Verify the system as the train's release commits hold it (after a train, or instead of"
              + " one when every repo is released): exit 0 when clean, 1 with the errors.")
  boolean verifyReleased;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text, json, or github-matrix (the ordered stages as JSON, one matrix per stage)"
              + " (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws InterruptedException {
    if (!List.of("text", "json", "github-matrix").contains(format)) {
      throw BadInputException.plain(
          "unknown format '" + format + "'; use text, json or github-matrix");
    }
    if (jobs < 1) {
      throw BadInputException.plain("--jobs must be at least 1, not " + jobs);
    }
    ReleaseGraph graph = common.loadGraph();
    Map<ArtifactId, Version> versions = versions(graph);
    ReleaseOptions options =
        new ReleaseOptions(
            targets.output.toAbsolutePath(),
            Optional.ofNullable(targets.registry),
            new LinkedHashSet<>(targets.insecure),
            targets.cache.toAbsolutePath());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (format.equals("github-matrix")) {
      out.print(matrix(TrainRunner.plan(graph, versions, options)));
      return ExitCodes.OK;
    }
    if (verifyReleased && dryRun) {
      throw BadInputException.plain(
          "--verify-released checks release commits; leave out --dry-run");
    }
    if (dryRun) {
      TrainPlan plan = TrainRunner.plan(graph, versions, options);
      Optional<TrainManifest> manifest;
      try {
        manifest = TrainManifest.read(options.outputDir().resolve(plan.manifestFile()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      out.print(format.equals("json") ? planJson(plan, manifest) : planText(plan, manifest));
      return ExitCodes.OK;
    }
    ReleaseListener releaseListener =
        targets.quiet ? ReleaseListener.NONE : new ReleaseProgress(err);
    TrainRunner.Listener trainListener =
        targets.quiet ? TrainRunner.Listener.NONE : new TrainProgress(err);
    try {
      TrainRunner.Result result =
          new TrainRunner(new Releaser(), releaseListener, trainListener, jobs)
              .run(graph, versions, options, Optional.ofNullable(only).map(ArtifactId::of));
      if (format.equals("json")) {
        out.print(result.manifest().toJson());
      } else {
        for (Map.Entry<ArtifactId, ReleaseResult> e : result.released().entrySet()) {
          ReleaseResult r = e.getValue();
          out.println(
              "released "
                  + e.getKey()
                  + " "
                  + result.plan().versions().get(e.getKey())
                  + ": tag "
                  + r.tag()
                  + " -> "
                  + r.commit()
                  + (r.pushed() ? " (pushed)" : " (local)")
                  + r.afterBranch().map(b -> "; after-release branch " + b).orElse(""));
        }
        out.println(
            "train manifest "
                + result.manifestFile()
                + "; "
                + result.released().size()
                + " repo(s) released in this run, "
                + result.bytesUploaded()
                + " bytes uploaded");
      }
      return verifyReleased ? verifyReleased(graph, result.plan(), options, out) : ExitCodes.OK;
    } catch (TrainException e) {
      err.println("lockstep train: " + e.getMessage());
      return e.isRefusal() ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE;
    }
  }

  /** Verify over every repo's release commit, extracted from its tag. */
  private static int verifyReleased(
      ReleaseGraph graph, TrainPlan plan, ReleaseOptions options, PrintWriter out) {
    Path scratch = options.cacheDir().resolve("train").resolve("released-" + plan.id());
    Map<ArtifactId, Path> roots = new LinkedHashMap<>();
    try {
      for (Map.Entry<ArtifactId, Plan> e : plan.plans().entrySet()) {
        Path into = scratch.resolve(e.getKey().value());
        String tag = e.getValue().tag();
        if (!ReleasedTree.extract(graph.repo(e.getKey()).orElseThrow().root(), tag, into)) {
          throw BadInputException.plain(
              e.getKey() + " has no tag " + tag + "; run the train first");
        }
        roots.put(e.getKey(), into);
      }
      List<String> errors = SystemCheck.verifyAt(graph, roots);
      if (!errors.isEmpty()) {
        out.println("verify of the release commits: " + errors.size() + " error(s)");
        errors.forEach(l -> out.println("  " + l));
        return ExitCodes.FAILURE;
      }
      out.println(
          "verify of the release commits: ok ("
              + String.join(
                  ", ", plan.plans().values().stream().map(p -> p.repo() + " " + p.tag()).toList())
              + ")");
      return ExitCodes.OK;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Map<ArtifactId, Version> versions(ReleaseGraph graph) {
    if (changed) {
      if (!members.isEmpty()) {
        throw BadInputException.plain("--changed chooses the repos; name no REPO=VERSION with it");
      }
      if (next == null) {
        throw BadInputException.plain("--changed needs --next patch|minor|major|prerelease");
      }
      TrainPlanner.Next rule;
      try {
        rule = TrainPlanner.Next.valueOf(next.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw BadInputException.plain(
            "unknown --next '" + next + "'; use patch, minor, major or prerelease");
      }
      TrainPlanner.Changed chosen = TrainPlanner.changed(graph, rule);
      PrintWriter err = spec.commandLine().getErr();
      Optional<Map<ArtifactId, Version>> resumed;
      try {
        resumed = TrainPlanner.unfinished(chosen, targets.output.toAbsolutePath());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      if (resumed.isPresent()) {
        err.println(
            "train: resuming the unfinished train "
                + String.join(
                    " ",
                    resumed.get().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toList())
                + " (its manifest in "
                + targets.output
                + ")");
        err.flush();
        return resumed.get();
      }
      Map<ArtifactId, Version> train = chosen.nonEmpty();
      chosen.leftOut().forEach((repo, why) -> err.println("train: left out " + repo + ": " + why));
      err.flush();
      return train;
    }
    if (next != null) {
      throw BadInputException.plain("--next goes with --changed");
    }
    if (members.isEmpty()) {
      throw BadInputException.plain(
          "name the repos of the train as REPO=VERSION, or use --changed --next RULE");
    }
    Map<ArtifactId, Version> out = new LinkedHashMap<>();
    for (String m : members) {
      int eq = m.indexOf('=');
      if (eq <= 0 || eq == m.length() - 1) {
        throw BadInputException.plain("'" + m + "' is not REPO=VERSION, e.g. kubestellar=0.30.0");
      }
      ArtifactId repo = ArtifactId.of(m.substring(0, eq));
      if (out.put(repo, PlanCommand.parseVersion(m.substring(eq + 1))) != null) {
        throw BadInputException.plain("repo " + repo + " is named twice");
      }
    }
    return out;
  }

  /**
   * The plan as text; with the train's manifest from an earlier run, each repo also says what is
   * done: released (a re-run skips it), or the steps a run that stopped part-way got through.
   */
  static String planText(TrainPlan plan, Optional<TrainManifest> manifest) {
    StringBuilder sb = new StringBuilder();
    List<List<ArtifactId>> stages = plan.order().stages();
    sb.append("train of ")
        .append(plan.versions().size())
        .append(" repo(s) in ")
        .append(stages.size())
        .append(" stage(s): ")
        .append(String.join(" ", plan.arguments()))
        .append('\n');
    sb.append(
        "before anything is published: the preflight of every repo, then verify of the system"
            + " after the train (every release commit built in memory)\n");
    for (int s = 0; s < stages.size(); s++) {
      for (ArtifactId repo : stages.get(s)) {
        Plan p = plan.plans().get(repo);
        sb.append("\n=== stage ")
            .append(s + 1)
            .append('/')
            .append(stages.size())
            .append(": ")
            .append(repo)
            .append(' ')
            .append(p.version());
        var ups = plan.order().upstreamsOf(repo);
        sb.append(
            ups.isEmpty()
                ? " (no upstream in the train)"
                : " (after "
                    + String.join(", ", ups.stream().map(ArtifactId::value).sorted().toList())
                    + ")");
        sb.append(" ===\n");
        manifest.flatMap(m -> m.entry(repo.value())).ifPresent(e -> sb.append(status(e)));
        sb.append(PlanPrinter.text(p));
        for (String note : plan.pending().getOrDefault(repo, List.of())) {
          sb.append("  note: ").append(note).append('\n');
        }
      }
    }
    sb.append("\ntrain manifest ").append(plan.manifestFile()).append('\n');
    return sb.toString();
  }

  /** What the manifest says is done for one repo, as lines for the text plan. */
  private static String status(TrainManifest.Entry e) {
    return switch (e.status()) {
      case PLANNED -> "status: planned, not started\n";
      case RELEASED ->
          "status: released, "
              + e.tag()
              + " -> "
              + e.commit().orElse("?")
              + " (the train skips it)\n";
      case RELEASING ->
          "status: stopped part-way ("
              + e.done().size()
              + " step(s) done; the train resumes it)\n"
              + e.done().stream().map(d -> "  done: " + d + "\n").collect(Collectors.joining());
    };
  }

  static String planJson(TrainPlan plan, Optional<TrainManifest> manifest) {
    try {
      ObjectNode root = JSON.createObjectNode();
      ArrayNode train = root.putArray("train");
      plan.arguments().forEach(train::add);
      root.put("manifest", plan.manifestFile());
      ArrayNode stages = root.putArray("stages");
      for (List<ArtifactId> stage : plan.order().stages()) {
        ArrayNode a = stages.addArray();
        for (ArtifactId repo : stage) {
          ObjectNode p = (ObjectNode) JSON.readTree(PlanPrinter.json(plan.plans().get(repo)));
          ArrayNode ups = p.putArray("after");
          plan.order().upstreamsOf(repo).stream().map(ArtifactId::value).sorted().forEach(ups::add);
          ArrayNode notes = p.putArray("pending");
          plan.pending().getOrDefault(repo, List.of()).forEach(notes::add);
          Optional<TrainManifest.Entry> entry = manifest.flatMap(m -> m.entry(repo.value()));
          p.put(
              "status",
              entry.map(e -> e.status().name().toLowerCase(Locale.ROOT)).orElse("planned"));
          ArrayNode done = p.putArray("done");
          entry.ifPresent(e -> e.done().forEach(done::add));
          a.add(p);
        }
      }
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The stages for GitHub Actions: {@code train} (the arguments every job passes), {@code count},
   * and {@code stages}, one {@code {"repo": [...]}} matrix per stage, in order.
   */
  static String matrix(TrainPlan plan) {
    ObjectNode root = JSON.createObjectNode();
    root.put("train", String.join(" ", plan.arguments()));
    root.put("count", plan.order().stages().size());
    ArrayNode stages = root.putArray("stages");
    for (List<ArtifactId> stage : plan.order().stages()) {
      ArrayNode repos = stages.addObject().putArray("repo");
      stage.forEach(r -> repos.add(r.value()));
    }
    try {
      return new ObjectMapper().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Train progress on standard error: one line per repo started, released or skipped. */
  private static final class TrainProgress implements TrainRunner.Listener {
    private final PrintWriter err;

    TrainProgress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void checked(String what) {
      err.println("train: checked " + what);
      err.flush();
    }

    @Override
    public synchronized void started(ArtifactId repo, Version version, int stage, int stages) {
      err.println("train: stage " + stage + "/" + stages + ": releasing " + repo + " " + version);
      err.flush();
    }

    @Override
    public synchronized void released(ArtifactId repo, ReleaseResult result) {
      err.println(
          "train: released "
              + repo
              + ": tag "
              + result.tag()
              + " -> "
              + result.commit()
              + (result.pushed() ? " (pushed)" : " (local)"));
      err.flush();
    }

    @Override
    public synchronized void skipped(ArtifactId repo, String reason) {
      err.println("train: " + repo + ": skipped, " + reason);
      err.flush();
    }
  }
}

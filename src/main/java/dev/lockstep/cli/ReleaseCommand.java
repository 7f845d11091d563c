package dev.lockstep.cli;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.PlanPrinter;
import dev.lockstep.plan.Planner;
import dev.lockstep.release.ReleaseException;
import dev.lockstep.release.ReleaseListener;
import dev.lockstep.release.ReleaseOptions;
import dev.lockstep.release.ReleaseResult;
import dev.lockstep.release.Releaser;
import dev.lockstep.survey.Survey;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    addMethodSubcommands = false,
    name = "release",
    description = {
      "Releases a repo at a version: commit, tag, images, charts, manifest.",
      "",
      "Releases REPO at VERSION: the release commit on branch release-VERSION (never on main),",
      "images built with jib-core and charts packaged with Helm from a clean extract of that commit,",
      "published in dependency order (images, then charts), then the annotated tag and the branch,",
      "the release manifest, and a branch lockstep/after-vVERSION for main. Re-running after a",
      "failure resumes: what is published with identical content is skipped; a tag, image tag or",
      "chart version holding other content stops the release before anything is touched.",
      "",
      "With no --registry (the embedded default), images go to OCI image-layout tarballs and charts",
      "to .tgz files under --output, and tags stay local.",
    },
    footer = {
      "",
      "Examples:",
      "  lockstep release kubestellar 0.30.0 --dry-run            # the plan, changing nothing",
      "  lockstep release kubestellar 0.30.0                      # embedded default: files under .lockstep/out",
      "  lockstep release kubestellar 0.30.0 --registry 127.0.0.1:5000",
      "  lockstep release kubestellar 0.30.0-rc.1 --registry ghcr.io --format json",
      "",
      "Credentials: LOCKSTEP_REGISTRY_USERNAME / LOCKSTEP_REGISTRY_PASSWORD, else the Docker config",
      "and its credential helpers; never printed. Plain HTTP only for loopback or --insecure-registry.",
      "Exit codes: 0 released, 1 failed part-way (re-run to resume), 2 refused before publishing anything.",
    },
    usageHelpWidth = 100,
    sortOptions = false)
final class ReleaseCommand implements Callable<Integer> {
  /** Wraps the listener the command reports to; the identity, except in tests. */
  private final UnaryOperator<ReleaseListener> listeners;

  ReleaseCommand() {
    this(UnaryOperator.identity());
  }

  /** A release command whose listener is {@code listeners} applied to the usual one. */
  ReleaseCommand(UnaryOperator<ReleaseListener> listeners) {
    this.listeners = listeners;
  }

  @Mixin CommonOptions common;

  @Mixin ReleaseTargets targets;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REPO", description = "The repo (release unit) to release.")
  String repo;

  @Parameters(
      index = "1",
      paramLabel = "VERSION",
      description = "The version, SemVer (a leading v is accepted).")
  String version;

  @Option(
      names = {"-n", "--dry-run"},
      description = "Print the plan and change nothing.")
  boolean dryRun;

  @Option(names = "--strict", description = "Refuse on verify warnings too (errors always refuse).")
  boolean strict;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (the manifest) (default: ${DEFAULT-VALUE}).")
  Format format;

  enum Format {
    text,
    json
  }

  @Override
  public Integer call() throws InterruptedException {
    ReleaseGraph graph = common.loadGraph();
    InterruptedWrites.finish(graph, spec.commandLine().getErr());
    Plan plan =
        Planner.plan(
            graph,
            Survey.of(graph),
            ArtifactId.of(repo),
            PlanCommand.parseVersion(version),
            strict);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (dryRun) {
      out.print(format == Format.json ? PlanPrinter.json(plan) : PlanPrinter.text(plan));
      return ExitCodes.OK;
    }
    ReleaseOptions options =
        new ReleaseOptions(
            targets.output.toAbsolutePath(),
            Optional.ofNullable(targets.registry),
            new LinkedHashSet<>(targets.insecure),
            targets.cache.toAbsolutePath());
    ReleaseListener listener =
        listeners.apply(targets.quiet ? ReleaseListener.NONE : new ReleaseProgress(err));
    try {
      ReleaseResult result = new Releaser().run(plan, graph, options, listener);
      if (format == Format.json) {
        out.print(withRunFacts(result));
      } else {
        out.println(
            "released "
                + repo
                + " "
                + plan.version()
                + ": tag "
                + result.tag()
                + " -> "
                + result.commit()
                + " on "
                + result.releaseBranch()
                + (result.pushed() ? " (pushed)" : " (local)")
                + result.afterBranch().map(b -> "; after-release branch " + b).orElse(""));
        out.println(
            "manifest "
                + result.manifestFile()
                + "; "
                + result.bytesUploaded()
                + " bytes uploaded in "
                + result.elapsed().toMillis()
                + " ms");
      }
      return ExitCodes.OK;
    } catch (ReleaseException e) {
      err.println("lockstep release: " + e.getMessage());
      return e.isRefusal() ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE;
    }
  }

  /** The manifest (timestamp-free, as it is recorded) plus what this run did. */
  private static String withRunFacts(ReleaseResult result) {
    try {
      com.fasterxml.jackson.databind.ObjectMapper json =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
      com.fasterxml.jackson.databind.node.ObjectNode root =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              json.readTree(result.manifest().toJson());
      root.put("manifestFile", result.manifestFile().toString());
      root.put("pushed", result.pushed());
      root.put("bytesUploaded", result.bytesUploaded());
      root.put("elapsedMillis", result.elapsed().toMillis());
      result.afterBranch().ifPresent(b -> root.put("afterBranch", b));
      return json.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.lockstep.cli;

import dev.lockstep.bump.Bump;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Version;
import dev.lockstep.model.VersionScheme;
import dev.lockstep.survey.Survey;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    addMethodSubcommands = false,
    name = "bump",
    description = {
      "Moves every literal reference to an artifact to a new version.",
      "",
      "Rewrites every literal reference to ARTIFACT so that it names VERSION, editing exactly the",
      "characters of each declared place (comments, quoting, indentation and line endings stay).",
      "Placeholders and chart versions are left alone. Nothing is written if any place refuses.",
    },
    footer = {
      "",
      "Examples:",
      "  lockstep bump ocm-status-addon-chart 0.3.0 --dry-run   # show the diff only",
      "  lockstep bump clusteradm-image 0.10.2",
      "  lockstep bump app-image 1.4.0 --digest sha256:...     # for formats with {digest}",
    },
    usageHelpWidth = 100,
    sortOptions = false)
final class BumpCommand implements Callable<Integer> {
  /** Called after each progress line is printed; the kill tests' own main pauses here. */
  private final Consumer<String> afterProgress;

  BumpCommand() {
    this(line -> {});
  }

  /** For a test-only main that must act right after a given step (see the kill tests). */
  BumpCommand(Consumer<String> afterProgress) {
    this.afterProgress = afterProgress;
  }

  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "ARTIFACT",
      description = "The artifact (or repo) id whose references move.")
  String artifact;

  @Parameters(
      index = "1",
      paramLabel = "VERSION",
      description =
          "The new version in the target's scheme (a leading v is accepted); for an image,"
              + " TAG@sha256:... moves tag and digest together.")
  String version;

  @Option(
      names = "--digest",
      paramLabel = "DIGEST",
      description = "The image digest, for places whose format has {digest}.")
  String digest;

  @Option(
      names = "--resolve-digest",
      description =
          "Ask the image's registry for the digest its new tag names, and write tag and digest"
              + " together.")
  boolean resolveDigest;

  @Option(
      names = {"-n", "--dry-run"},
      description = "Print the unified diff and change nothing.")
  boolean dryRun;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (the unified diff) or json (artifact, version, every changed file with its diff,"
              + " skipped repos) (default: ${DEFAULT-VALUE}).")
  Format format;

  enum Format {
    text,
    json
  }

  @Option(
      names = "--progress",
      description = "Print a line on stderr as the files are staged and as each one is written.")
  boolean progress;

  @Override
  public Integer call() throws IOException {
    if (version.contains("@")) { // IMAGE TAG@sha256:...: tag and digest move together
      if (digest != null) {
        throw BadInputException.plain(
            "the digest is given twice (VERSION@DIGEST and --digest); give it once");
      }
      digest = version.substring(version.indexOf('@') + 1);
      version = version.substring(0, version.indexOf('@'));
    }
    if (digest != null && !digest.matches("sha256:[0-9a-f]{64}")) {
      throw BadInputException.plain(
          "'" + digest + "' is not an image digest; write sha256: and 64 lowercase hex digits");
    }
    ReleaseGraph graph = common.loadGraph();
    VersionScheme scheme = graph.defaultFormat(ArtifactId.of(artifact)).scheme();
    Version v =
        Version.parseLenient(scheme, version)
            .orElseThrow(
                () ->
                    BadInputException.plain(
                        "'"
                            + version
                            + "' is not a "
                            + scheme.name()
                            + " version of "
                            + artifact
                            + "; write "
                            + scheme.example()));
    InterruptedWrites.finish(graph, spec.commandLine().getErr());
    if (resolveDigest) {
      if (digest != null) {
        throw BadInputException.plain(
            "--resolve-digest asks the registry for the digest; do not give one as well");
      }
      try {
        digest =
            dev.lockstep.online.TagDigest.resolve(
                graph,
                ArtifactId.of(artifact),
                v,
                dev.lockstep.online.OnlineOptions.of(Optional.empty(), java.util.List.of()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while asking the registry", e);
      }
    }
    Survey survey = Survey.of(graph);
    Bump bump = Bump.plan(survey, ArtifactId.of(artifact), v, Optional.ofNullable(digest));
    survey
        .skippedRepos()
        .forEach(
            r ->
                spec.commandLine()
                    .getErr()
                    .println(
                        "skipped repo " + r + ": not checked out, its places were not bumped"));
    var out = spec.commandLine().getOut();
    out.print(format == Format.json ? json(survey, bump, v) : bump.diff());
    if (!dryRun) {
      var err = spec.commandLine().getErr();
      bump.apply(
          line -> {
            if (progress) {
              err.println(line);
              err.flush();
            }
            afterProgress.accept(line);
          });
    }
    spec.commandLine()
        .getErr()
        .println((dryRun ? "would change " : "changed ") + bump.changedFiles() + " file(s)");
    return ExitCodes.OK;
  }

  private String json(Survey survey, Bump bump, Version v) {
    var mapper =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    var root = mapper.createObjectNode();
    root.put("artifact", artifact);
    root.put("version", v.toString());
    root.put("dryRun", dryRun);
    var files = root.putArray("files");
    for (Bump.Change c : bump.changes()) {
      var f = files.addObject();
      f.put("file", c.file().toString());
      f.put("path", c.path());
      f.put("diff", c.diff());
    }
    var skipped = root.putArray("skippedRepos");
    survey.skippedRepos().forEach(r -> skipped.add(r.value()));
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

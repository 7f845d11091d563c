package dev.lockstep.cli;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Version;
import dev.lockstep.release.ReleaseNotes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    addMethodSubcommands = false,
    name = "notes",
    description = {
      "Writes the release notes of REPO at VERSION (Markdown).",
      "",
      "The commits since the previous release tag of REPO up to VERSION's tag (or HEAD before it",
      "exists), grouped by Conventional Commit type (feat, fix, ...) where subjects use one; with",
      "--manifest, a table of every artifact with its reference and digest, and every reference the",
      "release moved.",
    },
    footer = {
      "",
      "Examples:",
      "  lockstep notes lockstep 0.2.0 --manifest release/v0.2.0/release-lockstep-0.2.0.json",
      "",
      "Exit codes: 0 written, 2 bad input.",
    },
    usageHelpWidth = 100,
    sortOptions = false)
final class NotesCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REPO", description = "The repo (release unit).")
  String repo;

  @Parameters(
      index = "1",
      paramLabel = "VERSION",
      description = "The version, SemVer (a leading v is accepted).")
  String version;

  @Option(
      names = "--manifest",
      paramLabel = "FILE",
      description = "The release manifest (release-REPO-VERSION.json) to list artifacts from.")
  Path manifest;

  @Override
  public Integer call() throws IOException {
    Version v = PlanCommand.parseVersion(version);
    ReleaseGraph graph = common.loadGraph();
    Repo r =
        graph
            .repo(ArtifactId.of(repo))
            .orElseThrow(() -> BadInputException.plain("unknown repo '" + repo + "'"));
    spec.commandLine().getOut().print(ReleaseNotes.write(r, v, Optional.ofNullable(manifest)));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}

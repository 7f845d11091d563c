package dev.lockstep.cli;

import dev.lockstep.files.AtomicFiles;
import dev.lockstep.init.Init;
import dev.lockstep.model.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    addMethodSubcommands = false,
    name = "init",
    description = {
      "Drafts a graph from the checkouts: repos, charts, images and every place where a file writes",
      "a version of one of them, each with an exact locator.",
      "",
      "Reads the tracked files of each REPO_PATH once (default: the current repo). Places init is",
      "unsure of are written commented out with the reason; what it saw but could not model is",
      "listed at the end. Run lockstep verify on the draft right away: it shows the real",
      "disagreements. With --update it proposes, as a diff appended to an existing graph, only the",
      "places that graph does not declare.",
    },
    footer = {
      "",
      "Examples:",
      "  lockstep init                                   # this repo, to graph/lockstep.yaml",
      "  lockstep init ../kubestellar ../kubeflex -o graph/lockstep.yaml",
      "  lockstep init ../a ../b --dry-run --explain     # print the draft and why",
      "  lockstep init --update                          # propose places nobody declared",
      "",
      "Exit codes: 0 drafted, 2 bad input (not a checkout, the file exists without --force).",
    },
    usageHelpWidth = 100,
    sortOptions = false)
final class InitCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "REPO_PATH", description = "Checkouts to draft (default: .).")
  List<Path> repos = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      defaultValue = "graph/lockstep.yaml",
      description =
          "The graph file to write (default: ${DEFAULT-VALUE}); with --update, the graph.")
  Path output;

  @Option(
      names = "--dry-run",
      description = "Print the draft (or the --update diff); write nothing.")
  boolean dryRun;

  @Option(names = "--force", description = "Overwrite an existing graph file.")
  boolean force;

  @Option(names = "--explain", description = "Print why each entry was drafted.")
  boolean explain;

  @Option(
      names = "--update",
      description = "Propose only the places the existing graph does not declare, as a diff.")
  boolean update;

  @Option(names = "--stacktrace", description = "Print the stack trace of an unexpected error.")
  boolean stacktrace;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (update) {
      if (!Files.exists(output)) {
        throw BadInputException.plain(
            output + ": no graph to update; run lockstep init first, or pass -o FILE");
      }
      Init.Update u = Init.update(output, repos);
      if (u.places().isEmpty()) {
        err.println("nothing new: every place init finds is declared in " + output);
        return ExitCodes.OK;
      }
      out.print(u.diff());
      if (!dryRun) {
        AtomicFiles.write(output, Files.readString(output) + u.appended());
        err.println(output + ": appended " + u.places().size() + " new place(s); review them");
      }
      return ExitCodes.OK;
    }
    if (!dryRun && Files.exists(output) && !force) {
      throw BadInputException.plain(
          output
              + " already exists; pass --force to overwrite it, --update to propose only what"
              + " is new, or -o FILE to write elsewhere");
    }
    List<Path> dirs = repos.isEmpty() ? List.of(Path.of(".")) : repos;
    Init.Result r = Init.draft(dirs, output);
    if (explain) {
      r.explain().forEach(out::println);
      if (dryRun) {
        out.println();
      }
    }
    if (dryRun) {
      out.print(r.text());
    } else {
      if (output.toAbsolutePath().getParent() != null) {
        Files.createDirectories(output.toAbsolutePath().getParent());
      }
      AtomicFiles.write(output, r.text());
      err.println(
          "wrote " + output + ": " + r.summary() + "; now run lockstep verify --graph " + output);
    }
    out.flush();
    return ExitCodes.OK;
  }
}

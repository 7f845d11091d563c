package dev.lockstep.cli;

import dev.lockstep.files.AtomicFiles;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.online.Lookups;
import dev.lockstep.online.OnlineCheck;
import dev.lockstep.online.OnlineOptions;
import dev.lockstep.verify.Check;
import dev.lockstep.verify.GithubReport;
import dev.lockstep.verify.JsonReport;
import dev.lockstep.verify.RenderCheck;
import dev.lockstep.verify.SarifReport;
import dev.lockstep.verify.TextReport;
import dev.lockstep.verify.Verifier;
import dev.lockstep.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    addMethodSubcommands = false,
    name = "verify",
    description = {
      "The pull-request gate: checks that every version the graph declares is right.",
      "",
      "Checks every version the graph declares: each place parses, agrees with the others and with",
      "its policy (literal or placeholder); self-references match the repo's current release tag;",
      "no tracked file writes a known image's name:tag or a known chart's --version where no",
      "locator looks. Repos that are not checked out are reported as skipped.",
      "With --online it also asks registries and git remotes whether every version a place names",
      "exists (git tags, image tags, chart versions); a lookup that fails is an error, never a pass.",
      "With --render it also renders our charts with Helm (default values) and checks every image",
      "they would run: no floating tag, the version the chart's values reference names, and a",
      "reference declared for every known image.",
    },
    footer = {
      "",
      "Examples:",
      "  lockstep verify",
      "  lockstep verify --graph graph/examples/kubestellar.yaml",
      "  lockstep verify --format github          # annotations on the pull request",
      "  lockstep verify --format sarif --output lockstep.sarif",
      "  lockstep verify --format json | jq '.findings[].code'",
      "  lockstep verify --online                 # referenced versions exist",
      "  lockstep verify --online --registry 127.0.0.1:5000",
      "  lockstep verify --render                 # images our charts render",
      "",
      "Exit codes: 0 clean (warnings allowed unless --strict), 1 findings, 2 bad input.",
    },
    usageHelpWidth = 100,
    sortOptions = false)
final class VerifyCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, json, sarif or github (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(
      names = "--step-summary",
      paramLabel = "FILE",
      defaultValue = "${env:GITHUB_STEP_SUMMARY}",
      description =
          "With --format github: append a Markdown table of every finding to FILE (default:"
              + " $GITHUB_STEP_SUMMARY when set), so none is lost past GitHub's annotation limit.")
  String stepSummary;

  @Option(names = "--strict", description = "Fail on warnings too.")
  boolean strict;

  @Option(
      names = "--allow-skipped",
      description =
          "Pass even when no place was checked (every repo skipped); without it that is bad input"
              + " (exit 2), so a gate whose checkouts went missing cannot pass.")
  boolean allowSkipped;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "Show every note in text output (disabled artifacts, unchecked self-references);"
              + " repo.not-checked-out notes are shown without it.")
  boolean verbose;

  @Option(
      names = "--online",
      description =
          "Also check that every referenced version exists: git tags (checkout, then"
              + " ls-remote), image tags, chart versions. A failed lookup is an error (online.unreachable).")
  boolean online;

  @Option(
      names = "--registry",
      paramLabel = "HOST",
      description =
          "With --online: look for our images and charts at"
              + " HOST instead of the registry their names say, as release --registry pushes them.")
  String registry;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST",
      description =
          "With --online: speak plain HTTP to HOST"
              + " (loopback registries always may). Repeatable.")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(
      names = "--mirror",
      paramLabel = "FROM=TO",
      description =
          "With --online: ask TO (an http, https or oci URL) for what lives under FROM (a Helm"
              + " repository URL or a registry host). Repeatable; before the graph's mirrors:.")
  List<String> mirrors = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description =
          "With --online: How long a registry or remote may take to connect and to answer each request"
              + " (default: ${DEFAULT-VALUE} s).")
  int timeoutSeconds;

  @Option(
      names = "--render",
      description =
          "Also render each checked-out chart of ours with Helm (default values) and"
              + " check every known image it would run against the graph (render.* rules). Loads Helm.")
  boolean render;

  enum Format {
    text,
    json,
    sarif,
    github
  }

  @Override
  public Integer call() throws IOException {
    if (!online && (registry != null || !insecureRegistries.isEmpty())) {
      throw BadInputException.plain("--registry and --insecure-registry only apply with --online");
    }
    if (!online && !mirrors.isEmpty()) {
      throw BadInputException.plain("--mirror only applies with --online");
    }
    ReleaseGraph graph;
    try {
      graph = common.loadGraph();
    } catch (BadInputException e) {
      if (format == Format.text) {
        throw e;
      }
      // SARIF, GitHub and JSON readers get the problems as results too; people on stderr.
      VerifyReport bad = VerifyReport.badInput(common.graphFile(), e);
      write(bad);
      spec.commandLine().getErr().println(e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    InterruptedWrites.finish(graph, spec.commandLine().getErr());
    List<Check> added = new ArrayList<>();
    VerifyReport report;
    try (Lookups lookups =
        online
            ? new Lookups(
                OnlineOptions.of(
                        Optional.ofNullable(registry),
                        insecureRegistries,
                        Duration.ofSeconds(timeoutSeconds))
                    .withMirrors(Mirrors.parse(mirrors))
                    .withMirrors(graph.mirrors()))
            : null) {
      if (online) {
        added.add(OnlineCheck.check(lookups));
      }
      if (render) {
        // Only here: the render check loads Helm's native library, which plain verify must not
        // pay for.
        added.add(RenderCheck.CHECK);
      }
      // one survey: --online and --render check the places the gate read
      report = Verifier.verify(graph, added, GraphPreload.gitAhead());
    }
    if (verbose) {
      dev.lockstep.verify.ScanSkips.of(graph).forEach(spec.commandLine().getErr()::println);
    }
    if (!allowSkipped) {
      report = report.failIfNothingChecked();
    }
    write(report);
    Path base = CommonOptions.base();
    if (report.hasInputProblems()) {
      // Bad input is also said where scripts look for errors: one line each on standard error.
      report.findings().stream()
          .filter(f -> f.rule().input())
          .forEach(
              f ->
                  spec.commandLine()
                      .getErr()
                      .println(
                          f.primary().position(base)
                              + ": "
                              + f.severity().label()
                              + "["
                              + f.rule().code()
                              + "]: "
                              + f.message()
                              + (f.fix().isEmpty() ? "" : "; " + f.fix())));
    }
    return ExitCodes.of(report.verdict(strict));
  }

  /** Writes the report in the chosen format, and with github the job summary. */
  private void write(VerifyReport report) throws IOException {
    Path base = CommonOptions.base();
    String text =
        switch (format) {
          case json -> JsonReport.render(report, base, ExitCodes.of(report.verdict(strict)));
          case sarif -> SarifReport.render(report, base, Main.Version.version());
          case github -> GithubReport.render(report, base);
          case text -> TextReport.render(report, base, verbose);
        };
    if (output != null) {
      if (Files.isDirectory(output)) {
        throw BadInputException.plain(
            "--output "
                + output
                + " is a folder; pass a file name, e.g. "
                + output.resolve("lockstep.sarif"));
      }
      writeAtomically(output, text);
      spec.commandLine().getErr().println(report.summary());
    } else {
      spec.commandLine().getOut().print(text);
    }
    spec.commandLine().getOut().flush();
    if (format == Format.github && stepSummary != null && !stepSummary.isBlank()) {
      Files.writeString(
          Path.of(stepSummary),
          GithubReport.jobSummary(report, base),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }

  static void writeAtomically(Path file, String text) throws IOException {
    AtomicFiles.write(file, text);
  }
}

package dev.lockstep.cli;

import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.verify.GithubReport;
import dev.lockstep.verify.JsonReport;
import dev.lockstep.verify.SarifReport;
import dev.lockstep.verify.TextReport;
import dev.lockstep.verify.Verifier;
import dev.lockstep.verify.VerifyReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    description = {
      "Checks every version the graph declares: each place parses, agrees with the others and with",
      "its policy (literal or placeholder); self-references match the repo's current release tag;",
      "no tracked file writes a known image's name:tag or a known chart's --version where no",
      "locator looks. Repos that are not checked out are reported as skipped.",
    },
    footer = {
      "",
      "Examples:",
      "  lockstep verify",
      "  lockstep verify --graph graph/examples/kubestellar.yaml",
      "  lockstep verify --format github          # annotations on the pull request",
      "  lockstep verify --format sarif --output lockstep.sarif",
      "  lockstep verify --format json | jq '.findings[].code'",
      "",
      "Exit codes: 0 clean (warnings allowed unless --strict), 1 findings, 2 bad input.",
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class VerifyCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text, json, sarif or github (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--strict", description = "Fail on warnings too.")
  boolean strict;

  @Option(names = {"-v", "--verbose"}, description = "Show notes (disabled artifacts, unchecked self-references) in text output.")
  boolean verbose;

  enum Format { text, json, sarif, github }

  @Override
  public Integer call() throws IOException {
    ReleaseGraph graph = common.loadGraph();
    VerifyReport report = Verifier.verify(graph);
    Path base = CommonOptions.base();
    String text = switch (format) {
      case json -> JsonReport.render(report, base, strict);
      case sarif -> SarifReport.render(report, base, Main.Version.version());
      case github -> GithubReport.render(report, base);
      case text -> TextReport.render(report, base, verbose);
    };
    if (output != null) {
      writeAtomically(output, text);
      spec.commandLine().getErr().println(report.summary());
    } else {
      spec.commandLine().getOut().print(text);
    }
    spec.commandLine().getOut().flush();
    if (report.hasInputProblems()) {
      // Bad input is also said where scripts look for errors: one line each on standard error.
      report.findings().stream().filter(f -> f.rule().input()).forEach(f -> spec.commandLine().getErr().println(
          f.primary().position(base) + ": " + f.message() + (f.fix().isEmpty() ? "" : "; " + f.fix())));
    }
    return report.exitCode(strict);
  }

  static void writeAtomically(Path file, String text) throws IOException {
    Path abs = file.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}

package dev.lockstep.cli;

import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.online.OnlineOptions;
import dev.lockstep.online.Outdated;
import dev.lockstep.online.OutdatedReport;
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
    name = "outdated",
    description = {
      "Lists external artifacts whose pinned version has a newer stable release.",
      "",
      "For every enabled external image and chart that pins a version (external: { version: X },",
      "or a place marked pin: true, each reported with its own file:line),",
      "lists the versions where it is published (an image's OCI tag list; a chart's OCI tag list, or",
      "the index.yaml of the Helm repository its external.repository names) and reports the newest",
      "when it is newer than the pin, with the graph line that pins it. Only values in the artifact's",
      "format (a leading v accepted) are versions; latest and other floating tags never are.",
      "Pre-releases count only with --include-prereleases. A failed lookup is an error line.",
    },
    footer = {
      "",
      "Examples:",
      "  lockstep outdated --graph graph/examples/kubestellar.yaml",
      "  lockstep outdated --format json --include-prereleases",
      "",
      "Exit codes: 0 every pin is current, 1 a newer version exists or a lookup failed, 2 bad input.",
    },
    usageHelpWidth = 100,
    sortOptions = false)
final class OutdatedCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--registry",
      paramLabel = "HOST",
      description =
          "Look for our images and charts at HOST"
              + " (external artifacts are always looked up where their names say).")
  String registry;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST",
      description = "Speak plain HTTP to HOST (loopback" + " registries always may). Repeatable.")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description =
          "How long a registry or remote may take to connect and to answer each request"
              + " (default: ${DEFAULT-VALUE} s).")
  int timeoutSeconds;

  @Option(
      names = "--mirror",
      paramLabel = "FROM=TO",
      description =
          "Ask TO (an http, https or oci URL) for what lives under FROM (a Helm repository URL or"
              + " a registry host). Repeatable; before the graph's mirrors:.")
  List<String> mirrors = new ArrayList<>();

  @Option(
      names = {"-v", "--verbose"},
      description = "Say which disabled artifacts were skipped, and why.")
  boolean verbose;

  @Option(
      names = "--include-prereleases",
      description = "Count pre-release versions (1.2.0-rc.1) as newer.")
  boolean includePrereleases;

  enum Format {
    text,
    json
  }

  @Override
  public Integer call() {
    OnlineOptions options =
        OnlineOptions.of(
                Optional.ofNullable(registry),
                insecureRegistries,
                Duration.ofSeconds(timeoutSeconds))
            .withMirrors(Mirrors.parse(mirrors));
    ReleaseGraph graph = common.loadGraph();
    OutdatedReport report = Outdated.check(graph, options, includePrereleases);
    if (verbose) {
      report.skipped().forEach(spec.commandLine().getErr()::println);
    }
    spec.commandLine().getOut().print(format == Format.json ? report.json() : report.text());
    spec.commandLine().getOut().flush();
    return ExitCodes.of(report.verdict());
  }
}

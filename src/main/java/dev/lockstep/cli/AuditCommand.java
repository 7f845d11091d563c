package dev.lockstep.cli;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Version;
import dev.lockstep.oci.ImageLabels;
import dev.lockstep.online.AuditReport;
import dev.lockstep.online.Auditor;
import dev.lockstep.online.OnlineOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    addMethodSubcommands = false,
    name = "audit",
    description = {
      "Checks a published release: tag, image labels, charts, referenced images.",
      "",
      "Checks a published release of REPO at VERSION: the tag exists (in the checkout, and on origin",
      "naming the same commit) and peels to the release commit; every image of the repo exists and its",
      "labels " + ImageLabels.REVISION + " and .version name that commit and VERSION; every chart",
      "of the repo exists at its version, with version and appVersion in the pushed Chart.yaml as the",
      "graph's formats say; every image the charts name, and every other version the repo's files",
      "name at the release commit, exists. With --manifest, every chart's manifest digest is the one",
      "the release recorded. One line per check: ok, FAIL with the reason, or skip.",
    },
    footer = {
      "",
      "Examples:",
      "  lockstep audit kubestellar 0.29.0",
      "  lockstep audit kubestellar 0.29.0 --registry 127.0.0.1:5000 --format json",
      "",
      "Exit codes: 0 every check passed, 1 a check failed (a failed lookup fails), 2 bad input.",
    },
    usageHelpWidth = 100,
    sortOptions = false)
final class AuditCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "REPO",
      description = "The repo (release unit) that was released.")
  String repo;

  @Parameters(
      index = "1",
      paramLabel = "VERSION",
      description = "The released version, SemVer (a leading v is accepted).")
  String version;

  @Option(
      names = "--registry",
      paramLabel = "HOST",
      description =
          "Look for the repo's images and charts at HOST"
              + " instead of the registry their names say, as release --registry pushes them.")
  String registry;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST",
      description = "Speak plain HTTP to HOST (loopback" + " registries always may). Repeatable.")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(
      names = "--manifest",
      paramLabel = "FILE",
      description =
          "The release manifest (release-REPO-VERSION.json): each chart's manifest digest in the"
              + " registry must be the one it recorded.")
  Path manifest;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description =
          "How long a registry or remote may take to connect and to answer each request"
              + " (default: ${DEFAULT-VALUE} s).")
  int timeoutSeconds;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  enum Format {
    text,
    json
  }

  @Override
  public Integer call() {
    Version v = PlanCommand.parseVersion(version);
    OnlineOptions options =
        OnlineOptions.of(
            Optional.ofNullable(registry), insecureRegistries, Duration.ofSeconds(timeoutSeconds));
    ReleaseGraph graph = common.loadGraph();
    AuditReport report =
        Auditor.audit(
            graph,
            ArtifactId.of(repo),
            v,
            options,
            manifest == null ? Map.of() : Auditor.recordedChartDigests(manifest));
    spec.commandLine().getOut().print(format == Format.json ? report.json() : report.text());
    spec.commandLine().getOut().flush();
    return ExitCodes.of(report.verdict());
  }
}

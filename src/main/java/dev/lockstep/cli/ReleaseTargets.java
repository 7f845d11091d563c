package dev.lockstep.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Where a release or a train publishes, as {@code release} and {@code train} both take it. */
// No method of a mixin is a subcommand; without this, picocli would scan its methods for
// @Command on every start.
@Command(addMethodSubcommands = false)
final class ReleaseTargets {
  @Option(
      names = "--registry",
      paramLabel = "HOST",
      description = "Publish to this registry (host[:port][/prefix]) instead of the output folder.")
  String registry;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST",
      description = "Allow plain HTTP to HOST (loopback is always allowed).")
  List<String> insecure = List.of();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      defaultValue = ".lockstep/out",
      description =
          "Image tarballs, chart .tgz files and the manifests (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      defaultValue = ".lockstep/cache",
      description = "Layer caches (default: ${DEFAULT-VALUE}).")
  Path cache;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress, only the result.")
  boolean quiet;
}

package dev.lockstep.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code -h} and {@code -V} on every command, as picocli's {@code mixinStandardHelpOptions} gives
 * them, but added by {@link Main} from a class that says {@code addMethodSubcommands = false}:
 * picocli's own mixin class says nothing, so each start parsed its methods' annotations.
 */
@Command(addMethodSubcommands = false)
final class HelpOptions {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = {"-V", "--version"},
      versionHelp = true,
      description = "Print version information and exit.")
  boolean version;

  /**
   * Adds the options to {@code cmd}, after its own: they are listed last. {@code -V} prints
   * lockstep's version on every command (on a subcommand it used to print nothing).
   */
  static picocli.CommandLine withHelp(picocli.CommandLine cmd) {
    cmd.getCommandSpec().versionProvider(new Main.Version());
    // picocli's generate-completion brings its own
    return cmd.getCommandSpec().optionsMap().containsKey("--help")
        ? cmd
        : cmd.addMixin("help", new HelpOptions());
  }
}

package dev.lockstep.cli;

import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code -h} and {@code -V} on every command, as picocli's {@code mixinStandardHelpOptions} gives
 * them, but built as option specs: a mixin class is read by reflection (its annotations, and
 * picocli's scan of its methods), a cost each start paid twice.
 */
final class HelpOptions {
  private HelpOptions() {}

  /**
   * Adds the options to {@code cmd}, after its own: they are listed last. {@code -V} prints
   * lockstep's version on every command (on a subcommand it used to print nothing).
   */
  static picocli.CommandLine withHelp(picocli.CommandLine cmd) {
    var spec = cmd.getCommandSpec();
    spec.versionProvider(new Main.Version());
    // picocli's generate-completion brings its own
    if (!spec.optionsMap().containsKey("--help")) {
      spec.addOption(
          OptionSpec.builder("-h", "--help")
              .type(boolean.class)
              .usageHelp(true)
              .description("Show this help message and exit.")
              .build());
      spec.addOption(
          OptionSpec.builder("-V", "--version")
              .type(boolean.class)
              .versionHelp(true)
              .description("Print version information and exit.")
              .build());
    }
    return cmd;
  }
}

package dev.lockstep.cli;

import dev.lockstep.model.BadInputException;
import dev.lockstep.verify.ReleaseGate;
import dev.lockstep.verify.TextReport;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lockstep} command line. */
@Command(
    name = "lockstep",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "Keeps every version written across many repos, images, charts and hooks in lockstep.",
      "",
      "A graph file (graph/lockstep.yaml by default) declares the repos, the artifacts they build,",
      "and every place in a file where one artifact names a version of another.",
    },
    footer = {
      "",
      "Examples:",
      "  lockstep verify                                 # the pull-request gate",
      "  lockstep verify --graph graph/examples/kubestellar.yaml --format github",
      "  lockstep graph --format mermaid > docs/graph.md",
      "  lockstep explain core-chart",
      "  lockstep plan kubestellar 0.30.0",
      "  lockstep release kubestellar 0.30.0 --registry ghcr.io",
      "  lockstep bump ocm-status-addon-chart 0.3.0 --dry-run",
      "  source <(lockstep generate-completion)          # bash/zsh completion",
      "",
      "Exit codes: 0 clean, 1 findings, 2 bad input (graph, files, arguments).",
    },
    subcommands = {
      VerifyCommand.class,
      InitCommand.class,
      GraphCommand.class,
      ExplainCommand.class,
      PlanCommand.class,
      ReleaseCommand.class,
      NotesCommand.class,
      TrainCommand.class,
      BumpCommand.class,
      AuditCommand.class,
      OutdatedCommand.class,
      AutoComplete.GenerateCompletion.class,
    })
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the CLI with the given streams; the exit code is returned, not acted on (tests call this).
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, CommandLine.defaultFactory());
  }

  /** Runs the CLI with its commands made by {@code factory}. */
  static int run(String[] args, PrintWriter out, PrintWriter err, CommandLine.IFactory factory) {
    boolean stacktrace = Arrays.asList(args).contains("--stacktrace");
    CommandLine cmd = new CommandLine(new Main(), factory);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (stacktrace) {
            e.printStackTrace(err);
          }
          if (e instanceof ReleaseGate.Refused refused) {
            // The findings as verify prints them, then why nothing happened.
            err.print(TextReport.render(refused.report(), CommonOptions.base(), false));
            err.println("lockstep: " + refused.verdict());
            return ExitCodes.BAD_INPUT;
          }
          if (e instanceof BadInputException bad) {
            err.println(bad.getMessage());
            return ExitCodes.BAD_INPUT;
          }
          err.println(
              "lockstep: "
                  + describe(e)
                  + (stacktrace ? "" : " (run with --stacktrace for details)"));
          return ExitCodes.FAILURE;
        });
    cmd.setParameterExceptionHandler(
        (e, a) -> {
          err.println("lockstep: " + e.getMessage());
          // a typo in a command or option: picocli names the closest ones
          CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
          err.println(
              "Try 'lockstep "
                  + (e.getCommandLine().getCommandName().equals("lockstep")
                      ? ""
                      : e.getCommandLine().getCommandName() + " ")
                  + "--help' for usage and examples.");
          return ExitCodes.BAD_INPUT;
        });
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static String describe(Exception e) {
    String msg = e.getMessage();
    return msg == null || msg.isBlank() ? "unexpected " + e.getClass().getSimpleName() : msg;
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"lockstep " + version()};
    }

    static String version() {
      String v = Main.class.getPackage().getImplementationVersion();
      // the image runs the classes, not the jar: its entrypoint passes -Dlockstep.version
      return v != null ? v : System.getProperty("lockstep.version", "dev");
    }
  }
}

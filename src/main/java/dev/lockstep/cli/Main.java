package dev.lockstep.cli;

import dev.lockstep.model.BadInputException;
import dev.lockstep.verify.ReleaseGate;
import dev.lockstep.verify.TextReport;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lockstep} command line. */
public final class Main {

  private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
  private static final String INFLATION = "sun.reflect.inflationThreshold";

  /**
   * The table of picocli's annotations on the command classes, generated and compiled in by the
   * build (src/build/java/.../AnnotationTable.java); loading it hands it to picocli, which then
   * reads no annotation through the JDK. A build without the step leaves picocli to the JDK.
   */
  static final String ANNOTATION_TABLE = "dev.lockstep.cli.BuildTimeAnnotations";

  static {
    try {
      Class.forName(ANNOTATION_TABLE);
    } catch (ClassNotFoundException e) {
      // picocli reads the annotations itself
    }
  }

  /**
   * Every command, in the order {@code --help} lists them; the key is its {@code @Command} name.
   */
  static final Map<String, Class<?>> COMMANDS = commands();

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("verify", VerifyCommand.class);
    m.put("init", InitCommand.class);
    m.put("graph", GraphCommand.class);
    m.put("explain", ExplainCommand.class);
    m.put("plan", PlanCommand.class);
    m.put("release", ReleaseCommand.class);
    m.put("notes", NotesCommand.class);
    m.put("train", TrainCommand.class);
    m.put("bump", BumpCommand.class);
    m.put("audit", AuditCommand.class);
    m.put("outdated", OutdatedCommand.class);
    m.put("generate-completion", AutoComplete.GenerateCompletion.class);
    return Collections.unmodifiableMap(m);
  }

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
    // No option takes a java.time or java.sql type; without this, picocli looks each of them up by
    // reflection on every start, and MonthDay's class init alone builds date formatters (~8 ms).
    if (System.getProperty(CONVERTER_EXCLUDES) == null) {
      System.setProperty(CONVERTER_EXCLUDES, "java[.](time|sql)[.].*");
    }
    // JGit logs through SLF4J, bound to its no-op provider: named, SLF4J skips a service-loader
    // scan of the whole class path (~9 ms) and, at WARN, says nothing about having been told.
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", "org.slf4j.nop.NOPServiceProvider");
      System.setProperty("slf4j.internal.verbosity", "WARN");
    }
    // The graph's records are built by reflection (config.SpecReader), a few dozen calls per
    // record type: after the 15th, the JDK would write and load a class per constructor (one each
    // for the two most used) to speed up calls that are nearly all made by then.
    if (System.getProperty(INFLATION) == null) {
      System.setProperty(INFLATION, String.valueOf(Integer.MAX_VALUE));
    }
    GraphPreload.start(args);
    CommandLine cmd = HelpOptions.withHelp(new CommandLine(new Root(), factory));
    for (Class<?> c : commandsFor(args)) {
      cmd.addSubcommand(HelpOptions.withHelp(new CommandLine(c, factory)));
    }
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
    int code;
    try {
      code = cmd.execute(args);
    } finally {
      GraphPreload.clear();
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The commands a command line needs: the one its first word names exactly, none for the version,
   * else all of them (for help, typo suggestions and shell completion, which list every command).
   */
  static Collection<Class<?>> commandsFor(String[] args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return List.of();
    }
    Class<?> named = args.length == 0 ? null : COMMANDS.get(args[0]);
    return named == null || named == AutoComplete.GenerateCompletion.class
        ? COMMANDS.values()
        : List.of(named);
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

  /**
   * The root command: its own class, with no methods, so picocli's model of it reads one
   * annotation. Every command says {@code addMethodSubcommands = false}: none is a method, and
   * picocli would otherwise parse the annotations of each of a command's methods to find out. No
   * subcommands = {...}: run() adds only the command a command line names, so a start builds one
   * command's model instead of twelve.
   */
  @Command(
      addMethodSubcommands = false,
      name = "lockstep",
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
      })
  static final class Root {}
}

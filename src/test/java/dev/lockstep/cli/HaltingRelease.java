package dev.lockstep.cli;

import dev.lockstep.release.ReleaseListener;
import dev.lockstep.release.ReleaseStep;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The {@code lockstep} command line for the fault tests, run as its own JVM: {@code HaltingRelease
 * KIND lockstep-args...} behaves as {@code lockstep lockstep-args...}, except that the JVM ends
 * with {@code Runtime.halt(137)} as the first release step of kind {@code KIND} (a {@link
 * ReleaseStep.Kind}) starts: no finally block, no shutdown hook, as {@code kill -9} at that point
 * would. Before halting it prints {@link #MARKER} on standard error.
 */
public final class HaltingRelease {
  /** Printed on standard error just before the halt. */
  public static final String MARKER = "halted (test)";

  private HaltingRelease() {}

  public static void main(String[] args) {
    ReleaseStep.Kind kind = ReleaseStep.Kind.valueOf(args[0]);
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            if (type == ReleaseCommand.class) {
              return type.cast(new ReleaseCommand(inner -> new HaltAt(inner, kind, err)));
            }
            return CommandLine.defaultFactory().create(type);
          }
        };
    System.exit(Main.run(Arrays.copyOfRange(args, 1, args.length), out, err, factory));
  }

  /** Halts the JVM as the first step of {@code kind} starts; otherwise passes every event on. */
  private static final class HaltAt implements ReleaseListener {
    private final ReleaseListener inner;
    private final ReleaseStep.Kind kind;
    private final PrintWriter err;

    HaltAt(ReleaseListener inner, ReleaseStep.Kind kind, PrintWriter err) {
      this.inner = inner;
      this.kind = kind;
      this.err = err;
    }

    @Override
    public void started(ReleaseStep step) {
      if (step.kind() == kind) {
        synchronized (this) {
          err.println("  " + step + ": " + MARKER);
          err.flush();
          Runtime.getRuntime().halt(137);
        }
      }
      inner.started(step);
    }

    @Override
    public void finished(ReleaseStep step, String outcome) {
      inner.finished(step, outcome);
    }

    @Override
    public void skipped(ReleaseStep step, String reason) {
      inner.skipped(step, reason);
    }

    @Override
    public void progress(ReleaseStep step, String phase, long done, long total) {
      inner.progress(step, phase, done, total);
    }

    @Override
    public void uploaded(ReleaseStep step, long bytes) {
      inner.uploaded(step, bytes);
    }

    @Override
    public void output(ReleaseStep step, String line) {
      inner.output(step, line);
    }
  }
}

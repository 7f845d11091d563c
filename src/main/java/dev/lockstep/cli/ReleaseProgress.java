package dev.lockstep.cli;

import dev.lockstep.release.ReleaseListener;
import dev.lockstep.release.ReleaseStep;
import java.io.PrintWriter;

/** Release events as progress lines on standard error, for {@code release} and {@code train}. */
final class ReleaseProgress implements ReleaseListener {
  private final PrintWriter err;

  ReleaseProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void finished(ReleaseStep step, String outcome) {
    err.println("  " + step + ": " + outcome);
    err.flush();
  }

  @Override
  public synchronized void skipped(ReleaseStep step, String reason) {
    err.println("  " + step + ": skipped, " + reason);
    err.flush();
  }

  @Override
  public synchronized void output(ReleaseStep step, String line) {
    err.println("    | " + line);
  }
}

package dev.lockstep.cli;

import dev.lockstep.bump.StagedBump;
import dev.lockstep.model.ReleaseGraph;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Run first by {@code bump}, {@code release} and {@code verify}: a bump killed while writing is
 * completed (or undone) before anything reads the repos, and each such run is named on stderr.
 */
final class InterruptedWrites {
  private InterruptedWrites() {}

  static void finish(ReleaseGraph graph, PrintWriter err) {
    try {
      for (String line : StagedBump.recover(graph)) {
        err.println(line);
      }
    } catch (IOException e) {
      err.println("could not finish an interrupted bump: " + e.getMessage());
    }
    err.flush();
  }
}

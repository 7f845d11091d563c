package dev.lockstep.cli;

import picocli.CommandLine.Command;

@Command(name = "graph", description = "Not yet wired.")
final class GraphCommand implements Runnable {
  @Override
  public void run() {}
}

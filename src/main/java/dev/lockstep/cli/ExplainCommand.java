package dev.lockstep.cli;

import picocli.CommandLine.Command;

@Command(name = "explain", description = "Not yet wired.")
final class ExplainCommand implements Runnable {
  @Override
  public void run() {}
}

package dev.lockstep.cli;

/** The exit codes every command uses. */
final class ExitCodes {
  static final int OK = 0;

  /** verify found problems; a release step failed. */
  static final int FAILURE = 1;

  /** The graph, a file it names, or an argument cannot be used. */
  static final int BAD_INPUT = 2;

  private ExitCodes() {}
}

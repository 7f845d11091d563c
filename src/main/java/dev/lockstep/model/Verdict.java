package dev.lockstep.model;

/**
 * How a check of the system came out. Reports say it; only the command line turns it into an exit
 * code.
 */
public enum Verdict {
  /** Nothing to fix (warnings allowed unless strict). */
  PASS,
  /** Findings: something is wrong, outdated or failed. */
  FAIL,
  /** The input cannot be checked as written. */
  BAD_INPUT
}

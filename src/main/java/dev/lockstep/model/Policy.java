package dev.lockstep.model;

/** What git holds at a reference's places. */
public enum Policy {
  /** A real version of the target; moved by releases and bumps. */
  LITERAL,
  /** A fixed placeholder; only the release commit and packaged artifacts carry the real version. */
  PLACEHOLDER
}

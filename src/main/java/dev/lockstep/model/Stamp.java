package dev.lockstep.model;

/** Which releases move a self-reference. */
public enum Stamp {
  /** Every release, pre-releases included. */
  EVERY,
  /** Only regular releases: the "latest regular release" of a doc. */
  REGULAR
}

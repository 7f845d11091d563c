package dev.lockstep.model;

import java.util.Locale;

/** The kinds of artifact a graph can hold. */
public enum Kind {
  IMAGE,
  CHART,
  HOOK,
  FILE,
  ASSET;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

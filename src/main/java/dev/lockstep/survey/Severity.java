package dev.lockstep.survey;

import java.util.Locale;

/** How much a finding matters: errors fail the gate, warnings fail it only with --strict. */
public enum Severity {
  ERROR,
  WARNING,
  NOTE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

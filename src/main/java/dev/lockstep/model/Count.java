package dev.lockstep.model;

/** How many places a locator must match: exactly {@code n}, or at least one when {@code all}. */
public record Count(int n, boolean all) {
  public static final Count ONE = new Count(1, false);
  public static final Count ALL = new Count(0, true);

  public static Count exactly(int n) {
    return new Count(n, false);
  }

  public boolean accepts(int found) {
    return all ? found >= 1 : found == n;
  }

  @Override
  public String toString() {
    return all ? "at least 1" : Integer.toString(n);
  }
}

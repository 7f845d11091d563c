package dev.lockstep.online;

/**
 * The answer to a {@link Lookup}. {@link State#UNREACHABLE} is a failed lookup: it is never taken
 * for "exists".
 *
 * @param detail for EXISTS where it was found, for MISSING why it is missing, for UNREACHABLE the
 *     one-line cause (no credentials in it)
 */
public record Outcome(State state, String detail) {

  public enum State {
    EXISTS,
    MISSING,
    UNREACHABLE
  }

  public static Outcome exists(String detail) {
    return new Outcome(State.EXISTS, detail);
  }

  public static Outcome missing(String detail) {
    return new Outcome(State.MISSING, detail);
  }

  public static Outcome unreachable(String detail) {
    return new Outcome(State.UNREACHABLE, detail);
  }

  public boolean exists() {
    return state == State.EXISTS;
  }
}

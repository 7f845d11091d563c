package dev.lockstep.online;

/**
 * The answer to a {@link Lookup}. {@link State#UNREACHABLE} is a failed lookup: it is never taken
 * for "exists".
 *
 * @param detail for EXISTS where it was found, for MISSING why it is missing, for UNREACHABLE the
 *     one-line cause (no credentials in it)
 * @param movedTo for EXISTS of a tag pinned with a digest: the other digest the tag resolves to now
 *     (the tag moved since the pin was written)
 */
public record Outcome(State state, String detail, java.util.Optional<String> movedTo) {

  public Outcome(State state, String detail) {
    this(state, detail, java.util.Optional.empty());
  }

  /** The pinned manifest exists, but the tag now names {@code digest}. */
  public static Outcome moved(String detail, String digest) {
    return new Outcome(State.EXISTS, detail, java.util.Optional.of(digest));
  }

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

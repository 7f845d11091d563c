package dev.lockstep.locate;

/**
 * A new value cannot be written at a place without changing what the file means there (a YAML plain
 * scalar that would read as a number, a JSON number that is not one, a value across lines).
 */
public final class EncodeException extends Exception {
  private static final long serialVersionUID = 1L;

  public EncodeException(String message) {
    super(message);
  }
}

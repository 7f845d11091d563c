package dev.lockstep.rewrite;

/** A rewrite that cannot be made safely; nothing has been written when it is thrown. */
public final class RewriteException extends Exception {
  private static final long serialVersionUID = 1L;

  public RewriteException(String message) {
    super(message);
  }
}

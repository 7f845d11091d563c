package dev.lockstep.model;

/** Secrets out of printed text: the one rule for user info in URLs. */
public final class Redact {
  private Redact() {}

  /**
   * {@code text} with the {@code user:password@} part of every URL in it removed ({@code
   * https://bob:pw@host/x} prints as {@code https://host/x}).
   */
  public static String userInfo(String text) {
    return text == null ? null : text.replaceAll("([a-zA-Z][a-zA-Z0-9+.-]*:)?//[^/@\\s]*@", "$1//");
  }
}

package dev.lockstep.locate;

/**
 * A locator cannot be read at all: its file is missing, leaves the repo, is binary or huge, or does
 * not parse. Verify reports it as an input problem (exit 2).
 */
public final class LocateException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why, as a stable finding code suffix. */
  public enum Reason {
    FILE_MISSING("locator.file-missing"),
    PATH_ESCAPE("locator.path-escape"),
    NOT_A_FILE("locator.not-a-file"),
    BINARY("locator.binary"),
    HUGE("locator.huge"),
    NOT_UTF8("locator.not-utf8"),
    UNPARSABLE("locator.unparsable");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final Reason reason;
  private final String fix;

  public LocateException(Reason reason, String message, String fix) {
    super(message);
    this.reason = reason;
    this.fix = fix;
  }

  public Reason reason() {
    return reason;
  }

  public String fix() {
    return fix;
  }
}

package dev.lockstep.online;

import java.util.Locale;

/**
 * One check of an audit: what was checked ({@code image 127.0.0.1:5000/acme/app:1.0.0}) and what
 * was found. {@link Status#SKIP} is for a check that had nothing to look at (no origin remote, a
 * chart with no {@code publish:}); it does not fail the audit.
 */
public record AuditCheck(Status status, String check, String detail) {

  public enum Status {
    OK("ok"),
    FAIL("FAIL"),
    SKIP("skip");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static AuditCheck ok(String check, String detail) {
    return new AuditCheck(Status.OK, check, detail);
  }

  static AuditCheck fail(String check, String detail) {
    return new AuditCheck(Status.FAIL, check, detail);
  }

  static AuditCheck skip(String check, String detail) {
    return new AuditCheck(Status.SKIP, check, detail);
  }

  /** {@code ok image 127.0.0.1:5000/acme/app:1.0.0: revision 1a2b3c4d5e6f, version 1.0.0}. */
  public String line() {
    return String.format("%-4s %s: %s", status.label(), check, detail);
  }
}

package dev.lockstep.oci;

import java.io.IOException;
import java.time.Duration;

/**
 * A registry refused or failed a request. The message is one line naming the host and the cause.
 */
public class RegistryException extends IOException {

  private static final long serialVersionUID = 1L;

  private final int status;

  public RegistryException(String message, int status) {
    super(message);
    this.status = status;
  }

  public RegistryException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status the registry answered with, or 0 when it could not be reached at all. */
  public int status() {
    return status;
  }

  public static RegistryException authenticationFailed(String host) {
    return new RegistryException(
        "authentication failed for "
            + host
            + ": check LOCKSTEP_REGISTRY_USERNAME/PASSWORD or docker login",
        401);
  }

  public static RegistryException unreachable(String host, Throwable cause) {
    return new RegistryException("registry " + host + " is not reachable", 0, cause);
  }

  /** The registry accepted no connection or sent no answer within {@code timeout}. */
  public static RegistryException timedOut(String host, Duration timeout, Throwable cause) {
    return new RegistryException(
        "registry " + host + ": timeout after " + timeout.toSeconds() + " s", 0, cause);
  }

  /** The message with the cause of an unreachable registry ({@code connection refused}). */
  public String withCause() {
    String message = getMessage();
    if (status == 0 && message.endsWith(" is not reachable")) {
      for (Throwable t = getCause(); t != null; t = t.getCause()) {
        if (t instanceof java.net.ConnectException) {
          return message + ": connection refused";
        }
        if (t instanceof java.net.UnknownHostException) {
          return message + ": unknown host";
        }
      }
    }
    return message;
  }
}

package dev.lockstep.oci;

import dev.lockstep.model.BadInputException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How lockstep may talk to a registry host; the one place that decides it for every command.
 *
 * <ul>
 *   <li>Plain HTTP only to loopback hosts ({@code localhost}, {@code 127.x.x.x}, {@code ::1}) and
 *       the hosts given with {@code --insecure-registry}; everything else is HTTPS.
 *   <li>Credentials over HTTPS to the host they belong to; over plain HTTP only to loopback, or
 *       when {@value #ALLOW_HTTP_CREDENTIALS_ENV}=true (a password on the wire in clear text is the
 *       user's explicit choice, never a side effect of {@code --insecure-registry}).
 * </ul>
 *
 * @param insecure hosts spoken to over plain HTTP besides loopback; an entry without port covers
 *     every port of that host
 * @param allowHttpCredentials the user set {@value #ALLOW_HTTP_CREDENTIALS_ENV}=true
 */
public record RegistryPolicy(Set<String> insecure, boolean allowHttpCredentials) {

  /** Set to "true" to allow credentials over plain HTTP to registries that are not on loopback. */
  public static final String ALLOW_HTTP_CREDENTIALS_ENV = "LOCKSTEP_ALLOW_HTTP_CREDENTIALS";

  public RegistryPolicy {
    Set<String> hosts = new LinkedHashSet<>();
    insecure.forEach(h -> hosts.add(host(h)));
    insecure = Set.copyOf(hosts);
  }

  /** The given insecure hosts; the HTTP-credentials switch from the process environment. */
  public static RegistryPolicy of(Collection<String> insecure) {
    return of(insecure, System.getenv());
  }

  public static RegistryPolicy of(Collection<String> insecure, Map<String, String> env) {
    return new RegistryPolicy(
        Set.copyOf(insecure), "true".equalsIgnoreCase(env.get(ALLOW_HTTP_CREDENTIALS_ENV)));
  }

  /** Loopback over HTTP only, no credentials over HTTP elsewhere. */
  public static RegistryPolicy defaults() {
    return new RegistryPolicy(Set.of(), false);
  }

  /** True when {@code host} ("127.0.0.1:5000", "registry.local") is spoken to over plain HTTP. */
  public boolean plainHttp(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return isLoopback(h) || insecure.contains(h) || insecure.contains(withoutPort(h));
  }

  /** True when credentials for {@code host} may be sent to it, given how it is spoken to. */
  public boolean credentialsAllowed(String host) {
    return !plainHttp(host) || credentialsAllowedOverHttp(host);
  }

  /** True when credentials for {@code host} may travel to it over plain HTTP. */
  public boolean credentialsAllowedOverHttp(String host) {
    return isLoopback(host) || allowHttpCredentials;
  }

  /** {@code localhost}, {@code 127.x.x.x} or {@code ::1}, with or without a port. */
  public static boolean isLoopback(String host) {
    String name = withoutPort(host.toLowerCase(Locale.ROOT));
    return name.equals("localhost") || name.equals("::1") || name.matches("127(\\.\\d{1,3}){3}");
  }

  /**
   * Refuses a registry option that carries {@code USER:PASSWORD@}: a password on the command line
   * ends up in shell histories and CI logs, and is never printed back.
   */
  public static void refuseUserInfo(String registryOption) {
    if (registryOption.contains("@")) {
      throw BadInputException.plain(
          "a registry option may not carry USER:PASSWORD@; give credentials through"
              + " LOCKSTEP_REGISTRY=HOST with LOCKSTEP_REGISTRY_USERNAME/LOCKSTEP_REGISTRY_PASSWORD,"
              + " docker login or a credential helper");
    }
  }

  private static String withoutPort(String host) {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close < 0 ? host : host.substring(1, close);
    }
    return host.replaceFirst(":\\d+$", "");
  }

  /**
   * A registry host as the user may write it on the command line: {@code HOST[:PORT]}, a scheme and
   * trailing slash forgiven. A {@code USER:PASSWORD@} part is refused without echoing it.
   */
  public static String host(String text) {
    String h = text.trim().replaceFirst("^(?i)(oci|https?)://", "").replaceFirst("/+$", "");
    refuseUserInfo(h);
    if (h.isEmpty() || h.contains("/") || h.contains(" ")) {
      throw BadInputException.plain(
          "'" + text + "' is not a registry host; write HOST or HOST:PORT, e.g. 127.0.0.1:5000");
    }
    return h.toLowerCase(Locale.ROOT);
  }
}

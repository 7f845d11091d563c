package dev.lockstep.online;

import dev.lockstep.exec.image.ImageBuilder;
import dev.lockstep.exec.registry.Credentials;
import dev.lockstep.exec.registry.RegistryCredentials;
import dev.lockstep.model.BadInputException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How online checks reach registries: where our images and charts are looked for, which hosts may
 * be spoken to over plain HTTP, and where credentials come from.
 *
 * @param registry when present, replaces the registry host of every image name and chart publish
 *     path of ours (artifacts with a repo), as {@code release --registry HOST} pushes them;
 *     external artifacts keep their own registry
 * @param insecure hosts that are spoken to over plain HTTP; loopback hosts always are
 * @param credentials looked up per host, never printed
 * @param threads the size of the lookup pool (small and bounded)
 */
public record OnlineOptions(
    Optional<String> registry, Set<String> insecure, RegistryCredentials credentials, int threads) {

  public static final int DEFAULT_THREADS = 6;

  public OnlineOptions {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(credentials, "credentials");
    registry = registry.map(OnlineOptions::host);
    Set<String> hosts = new LinkedHashSet<>();
    insecure.forEach(h -> hosts.add(host(h)));
    insecure = Set.copyOf(hosts);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
  }

  /** The user's environment and Docker config; the given registry redirect and insecure hosts. */
  public static OnlineOptions of(Optional<String> registry, Collection<String> insecure) {
    return new OnlineOptions(
        registry, Set.copyOf(insecure), RegistryCredentials.fromEnvironment(), DEFAULT_THREADS);
  }

  /** No redirect, loopback over HTTP only, anonymous access. */
  public static OnlineOptions defaults() {
    return new OnlineOptions(
        Optional.empty(), Set.of(), RegistryCredentials.none(), DEFAULT_THREADS);
  }

  /** True when {@code host} ("127.0.0.1:5000", "registry.local") is spoken to over plain HTTP. */
  public boolean plainHttp(String host) {
    return isLoopback(host) || insecure.contains(host.toLowerCase(Locale.ROOT));
  }

  /**
   * Credentials for {@code host}. Over plain HTTP they are only sent to loopback, or when the user
   * allowed it ({@value ImageBuilder#ALLOW_HTTP_CREDENTIALS_ENV}=true), as image pushes do.
   */
  public Optional<Credentials> credentialsFor(String host) {
    if (plainHttp(host)
        && !isLoopback(host)
        && !"true".equalsIgnoreCase(System.getenv(ImageBuilder.ALLOW_HTTP_CREDENTIALS_ENV))) {
      return Optional.empty();
    }
    return credentials.find(host);
  }

  static boolean isLoopback(String registry) {
    String host =
        registry.startsWith("[")
            ? registry.substring(1, Math.max(1, registry.indexOf(']')))
            : registry.replaceFirst(":\\d+$", "");
    return host.equals("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
  }

  /**
   * A registry host as the user may write it: {@code HOST[:PORT]}, a scheme and trailing slash
   * forgiven.
   */
  static String host(String text) {
    String h = text.trim().replaceFirst("^(?i)(oci|https?)://", "").replaceFirst("/+$", "");
    if (h.isEmpty() || h.contains("/") || h.contains(" ") || h.contains("@")) {
      throw BadInputException.plain(
          "'" + text + "' is not a registry host; write HOST or HOST:PORT, e.g. 127.0.0.1:5000");
    }
    return h.toLowerCase(Locale.ROOT);
  }
}

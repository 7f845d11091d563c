package dev.lockstep.online;

import dev.lockstep.model.BadInputException;
import dev.lockstep.model.Mirror;
import dev.lockstep.oci.Credentials;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.oci.RegistryPolicy;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
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
 * @param timeout how long connecting and each answer may take, per request
 * @param mirrors {@code --mirror FROM=TO}: asked before the graph's {@code mirrors:}
 */
public record OnlineOptions(
    Optional<String> registry,
    Set<String> insecure,
    RegistryCredentials credentials,
    int threads,
    Duration timeout,
    List<Mirror> mirrors) {

  public static final int DEFAULT_THREADS = 6;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public OnlineOptions(
      Optional<String> registry,
      Set<String> insecure,
      RegistryCredentials credentials,
      int threads) {
    this(registry, insecure, credentials, threads, DEFAULT_TIMEOUT);
  }

  public OnlineOptions(
      Optional<String> registry,
      Set<String> insecure,
      RegistryCredentials credentials,
      int threads,
      Duration timeout) {
    this(registry, insecure, credentials, threads, timeout, List.of());
  }

  /** The same options with {@code --mirror}s; a mirror spoken to over {@code http://} is plain. */
  public OnlineOptions withMirrors(List<Mirror> more) {
    Set<String> plain = new java.util.HashSet<>(insecure);
    more.stream().filter(Mirror::plainHttp).forEach(m -> plain.add(m.toHost()));
    List<Mirror> all = new java.util.ArrayList<>(mirrors);
    all.addAll(more);
    return new OnlineOptions(registry, plain, credentials, threads, timeout, all);
  }

  public OnlineOptions {
    mirrors = List.copyOf(mirrors);
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(credentials, "credentials");
    registry = registry.map(RegistryPolicy::host);
    insecure = new RegistryPolicy(insecure, false).insecure();
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw BadInputException.plain("--timeout must be at least 1 second");
    }
  }

  /** The user's environment and Docker config; the given registry redirect and insecure hosts. */
  public static OnlineOptions of(Optional<String> registry, Collection<String> insecure) {
    return of(registry, insecure, DEFAULT_TIMEOUT);
  }

  /** As {@link #of(Optional, Collection)}, with a per-request timeout ({@code --timeout}). */
  public static OnlineOptions of(
      Optional<String> registry, Collection<String> insecure, Duration timeout) {
    return new OnlineOptions(
        registry,
        Set.copyOf(insecure),
        RegistryCredentials.fromEnvironment().withCommandLineRegistry(registry),
        DEFAULT_THREADS,
        timeout);
  }

  /** No redirect, loopback over HTTP only, anonymous access. */
  public static OnlineOptions defaults() {
    return new OnlineOptions(
        Optional.empty(), Set.of(), RegistryCredentials.none(), DEFAULT_THREADS);
  }

  /** Which hosts are spoken to over plain HTTP and may receive credentials. */
  public RegistryPolicy policy() {
    return RegistryPolicy.of(insecure);
  }

  /** True when {@code host} ("127.0.0.1:5000", "registry.local") is spoken to over plain HTTP. */
  public boolean plainHttp(String host) {
    return policy().plainHttp(host);
  }

  /** Credentials for {@code host}, where the {@link RegistryPolicy} allows sending them. */
  public Optional<Credentials> credentialsFor(String host) {
    return policy().credentialsAllowed(host) ? credentials.find(host) : Optional.empty();
  }
}

package dev.lockstep.oci;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY} (or their lower-case spellings) as a
 * {@link ProxySelector}: {@code java.net.http.HttpClient} ignores the environment unless it is
 * given one. As curl does: {@code https} URLs go through {@code HTTPS_PROXY}, {@code http} URLs
 * through {@code HTTP_PROXY}; a {@code NO_PROXY} entry matches its host and every host below it
 * ({@code example.com} and {@code .example.com} both match {@code a.example.com}), a port is
 * compared when given, and {@code *} turns the proxy off.
 */
public final class EnvProxy extends ProxySelector {
  private final Optional<InetSocketAddress> https;
  private final Optional<InetSocketAddress> http;
  private final List<String> noProxy;

  private EnvProxy(
      Optional<InetSocketAddress> https, Optional<InetSocketAddress> http, List<String> noProxy) {
    this.https = https;
    this.http = http;
    this.noProxy = noProxy;
  }

  /** The selector the process environment describes. */
  public static EnvProxy fromEnvironment() {
    return of(System.getenv());
  }

  /** The selector {@code env} describes; a proxy value that is not a URL is ignored. */
  public static EnvProxy of(Map<String, String> env) {
    List<String> no = new ArrayList<>();
    for (String e : get(env, "NO_PROXY").orElse("").split(",")) {
      if (!e.isBlank()) {
        no.add(e.strip().toLowerCase(Locale.ROOT));
      }
    }
    return new EnvProxy(
        get(env, "HTTPS_PROXY").flatMap(EnvProxy::address),
        get(env, "HTTP_PROXY").flatMap(EnvProxy::address),
        List.copyOf(no));
  }

  private static Optional<String> get(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name))
        .or(() -> Optional.ofNullable(env.get(name.toLowerCase(Locale.ROOT))))
        .filter(v -> !v.isBlank());
  }

  private static Optional<InetSocketAddress> address(String value) {
    try {
      URI u = URI.create(value.contains("://") ? value : "http://" + value);
      if (u.getHost() == null) {
        return Optional.empty();
      }
      int port = u.getPort() > 0 ? u.getPort() : u.getScheme().equals("https") ? 443 : 80;
      return Optional.of(InetSocketAddress.createUnresolved(u.getHost(), port));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** True when some proxy is configured at all. */
  public boolean isConfigured() {
    return https.isPresent() || http.isPresent();
  }

  /** The proxy {@code uri} goes through, if any. */
  public Optional<InetSocketAddress> proxyFor(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    Optional<InetSocketAddress> proxy =
        scheme.equals("https") ? https : scheme.equals("http") ? http : Optional.empty();
    if (proxy.isEmpty() || bypassed(uri)) {
      return Optional.empty();
    }
    return proxy;
  }

  private boolean bypassed(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    for (String entry : noProxy) {
      if (entry.equals("*")) {
        return true;
      }
      String name = entry;
      int entryPort = -1;
      int colon = entry.lastIndexOf(':');
      if (colon > 0 && !entry.startsWith("[") && entry.indexOf(':') == colon) {
        name = entry.substring(0, colon);
        try {
          entryPort = Integer.parseInt(entry.substring(colon + 1));
        } catch (NumberFormatException e) {
          continue;
        }
      }
      name = name.startsWith(".") ? name.substring(1) : name;
      boolean hostMatches = host.equals(name) || host.endsWith("." + name);
      if (hostMatches && (entryPort < 0 || entryPort == port)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<Proxy> select(URI uri) {
    return proxyFor(uri)
        .map(a -> List.of(new Proxy(Proxy.Type.HTTP, a)))
        .orElse(List.of(Proxy.NO_PROXY));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // the request fails with its own error, which names the URL
  }
}

package dev.lockstep.gitrepo;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Git credentials for pushes and ls-remote over HTTPS, from a token in the environment: {@value
 * #TOKEN_ENV}, else {@value #GITHUB_TOKEN_ENV}, as user {@value #USERNAME}. They do not depend on
 * what the checkout action wrote into the git config (an {@code http.<url>.extraheader}, or the
 * {@code includeIf.gitdir} file newer checkouts use, which JGit does not follow).
 *
 * <p>The token goes only to the host it is for: {@value #HOST_ENV} when set ({@code host} or {@code
 * host:port}), else the host of {@value #SERVER_URL_ENV} (GitHub Actions sets it), else {@code
 * github.com}; only over {@code https}, or plain {@code http} to a loopback host. A remote URL that
 * carries its own user info keeps it. The token is never part of a message.
 */
public final class GitCredentials {
  public static final String TOKEN_ENV = "LOCKSTEP_GIT_TOKEN";
  public static final String GITHUB_TOKEN_ENV = "GITHUB_TOKEN";
  public static final String HOST_ENV = "LOCKSTEP_GIT_HOST";
  public static final String SERVER_URL_ENV = "GITHUB_SERVER_URL";
  static final String USERNAME = "x-access-token";
  private static final String DEFAULT_HOST = "github.com";

  private static final GitCredentials NONE = new GitCredentials(null, null, DEFAULT_HOST);

  private final String token;
  private final String source;
  private final String host;

  private GitCredentials(String token, String source, String host) {
    this.token = token;
    this.source = source;
    this.host = host.toLowerCase(Locale.ROOT);
  }

  /** From the process environment. */
  public static GitCredentials fromEnvironment() {
    return from(System.getenv());
  }

  /** From the given variables (see the class comment for which and in what order). */
  public static GitCredentials from(Map<String, String> env) {
    String host = blankToNull(env.get(HOST_ENV));
    if (host == null) {
      host = hostOf(blankToNull(env.get(SERVER_URL_ENV))).orElse(DEFAULT_HOST);
    }
    host = host.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "").replaceAll("/.*$", "");
    String token = blankToNull(env.get(TOKEN_ENV));
    if (token != null) {
      return new GitCredentials(token.strip(), TOKEN_ENV, host);
    }
    token = blankToNull(env.get(GITHUB_TOKEN_ENV));
    if (token != null) {
      return new GitCredentials(token.strip(), GITHUB_TOKEN_ENV, host);
    }
    return new GitCredentials(null, null, host);
  }

  /** No token: git uses only what the remote URL and JGit's defaults give it. */
  public static GitCredentials none() {
    return NONE;
  }

  /** The host (and port, when it was given with one) the token is for. */
  public String host() {
    return host;
  }

  /** Where the token came from ({@value #TOKEN_ENV} or {@value #GITHUB_TOKEN_ENV}), if any. */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /** The token's credentials for {@code url}, if the token may go there. */
  public Optional<CredentialsProvider> forUrl(String url) {
    if (token == null || url == null) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String remoteHost = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    boolean secure = scheme.equals("https") || (scheme.equals("http") && isLoopback(remoteHost));
    if (!secure || uri.getRawUserInfo() != null || !matches(remoteHost, uri.getPort(), scheme)) {
      return Optional.empty();
    }
    return Optional.of(new UsernamePasswordCredentialsProvider(USERNAME, token));
  }

  /** {@code command} with the token's credentials when they may go to {@code url}. */
  public <C extends TransportCommand<C, ?>> C apply(C command, String url) {
    forUrl(url).ifPresent(command::setCredentialsProvider);
    return command;
  }

  /**
   * A hint for a message about {@code url} refusing access: which variable's token was sent, or why
   * none was; never the token.
   */
  public String hint(String url) {
    if (token == null) {
      return "no token: set " + TOKEN_ENV + " or " + GITHUB_TOKEN_ENV;
    }
    if (forUrl(url).isEmpty()) {
      return "the token in "
          + source
          + " is for "
          + host
          + " only (set "
          + HOST_ENV
          + " for another host)";
    }
    return "the token in " + source + " was sent as " + USERNAME;
  }

  private boolean matches(String remoteHost, int port, String scheme) {
    URI want;
    try {
      want = new URI("x://" + host);
    } catch (URISyntaxException e) {
      return false;
    }
    String wantHost = want.getHost() == null ? host : want.getHost();
    if (!remoteHost.equals(wantHost)) {
      return false;
    }
    if (want.getPort() < 0) {
      return true;
    }
    int remotePort = port >= 0 ? port : scheme.equals("https") ? 443 : 80;
    return remotePort == want.getPort();
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("[::1]")
        || host.equals("::1");
  }

  private static Optional<String> hostOf(String url) {
    if (url == null) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(url.strip());
      if (uri.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(uri.getPort() >= 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public String toString() {
    return "GitCredentials["
        + Objects.requireNonNullElse(source, "no token")
        + " for "
        + host
        + "]";
  }
}

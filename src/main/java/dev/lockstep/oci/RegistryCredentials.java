package dev.lockstep.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where registry credentials come from, in order: {@code LOCKSTEP_REGISTRY_USERNAME} / {@code
 * LOCKSTEP_REGISTRY_PASSWORD}, then the Docker config ({@code $DOCKER_CONFIG/config.json} or {@code
 * ~/.docker/config.json}).
 *
 * <p>{@link #find(String)} reads only the plain {@code auths.*.auth} entries. Image pushes go
 * through {@link #jibRetrievers}, where jib also runs the {@code credHelpers}/{@code credsStore}
 * helpers.
 */
public final class RegistryCredentials {

  public static final String USERNAME_ENV = "LOCKSTEP_REGISTRY_USERNAME";
  public static final String PASSWORD_ENV = "LOCKSTEP_REGISTRY_PASSWORD";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<Credentials> fixed;
  private final Map<String, String> env;
  private final Optional<Path> dockerConfig;

  private RegistryCredentials(
      Optional<Credentials> fixed, Map<String, String> env, Optional<Path> dockerConfig) {
    this.fixed = fixed;
    this.env = Map.copyOf(env);
    this.dockerConfig = dockerConfig;
  }

  /** The process environment and the user's Docker config. */
  public static RegistryCredentials fromEnvironment() {
    return from(System.getenv(), defaultDockerConfig(System.getenv()));
  }

  /** Given variables and Docker config file (which may not exist); used by tests and embedders. */
  public static RegistryCredentials from(Map<String, String> env, Path dockerConfigFile) {
    return new RegistryCredentials(Optional.empty(), env, Optional.of(dockerConfigFile));
  }

  /** Exactly these credentials for every registry, nothing else consulted. */
  public static RegistryCredentials of(Credentials credentials) {
    return new RegistryCredentials(Optional.of(credentials), Map.of(), Optional.empty());
  }

  /** Anonymous access only. */
  public static RegistryCredentials none() {
    return new RegistryCredentials(Optional.empty(), Map.of(), Optional.empty());
  }

  /** Shorthand for {@code fromEnvironment().find(host)}. */
  public static Optional<Credentials> lookup(String host) {
    return fromEnvironment().find(host);
  }

  /**
   * Credentials for {@code host} ("registry.example.com" or "127.0.0.1:5000"), if any are
   * configured.
   */
  public Optional<Credentials> find(String host) {
    if (fixed.isPresent()) {
      return fixed;
    }
    Optional<Credentials> fromEnv = fromEnv();
    if (fromEnv.isPresent()) {
      return fromEnv;
    }
    return dockerConfig.flatMap(file -> fromDockerConfig(file, host));
  }

  /** Retrievers for jib, same order as {@link #find}; jib adds Docker credential helpers. */
  public List<CredentialRetriever> jibRetrievers(ImageReference image, Consumer<LogEvent> log) {
    CredentialRetrieverFactory factory = CredentialRetrieverFactory.forImage(image, log, env);
    List<CredentialRetriever> retrievers = new ArrayList<>();
    if (fixed.isPresent()) {
      retrievers.add(factory.known(toJib(fixed.get()), "explicit credentials"));
      return retrievers;
    }
    fromEnv()
        .ifPresent(c -> retrievers.add(factory.known(toJib(c), USERNAME_ENV + "/" + PASSWORD_ENV)));
    dockerConfig.ifPresent(file -> retrievers.add(factory.dockerConfig(file)));
    return retrievers;
  }

  private Optional<Credentials> fromEnv() {
    String user = env.get(USERNAME_ENV);
    String password = env.get(PASSWORD_ENV);
    if (user == null || user.isEmpty() || password == null) {
      return Optional.empty();
    }
    return Optional.of(new Credentials(user, password));
  }

  private static Credential toJib(Credentials c) {
    return Credential.from(c.username(), c.password());
  }

  static Path defaultDockerConfig(Map<String, String> env) {
    String dir = env.get("DOCKER_CONFIG");
    Path base =
        dir != null && !dir.isEmpty()
            ? Path.of(dir)
            : Path.of(System.getProperty("user.home"), ".docker");
    return base.resolve("config.json");
  }

  private static Optional<Credentials> fromDockerConfig(Path file, String host) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode auths;
    try {
      auths = JSON.readTree(file.toFile()).path("auths");
    } catch (IOException e) {
      // An unreadable config means "no credentials here", as docker itself treats it.
      return Optional.empty();
    }
    String wanted = ImageName.normalizeRegistry(host);
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (ImageName.normalizeRegistry(entry.getKey()).equals(wanted)) {
        Optional<Credentials> found = decodeAuth(entry.getValue().path("auth").asText(""));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Credentials> decodeAuth(String auth) {
    if (auth.isEmpty()) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
  }
}

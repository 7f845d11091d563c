package dev.lockstep.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The one source of registry credentials for every command; each credential goes only to the host
 * it belongs to.
 *
 * <ol>
 *   <li>{@code LOCKSTEP_REGISTRY_USERNAME} / {@code LOCKSTEP_REGISTRY_PASSWORD}: to the host named
 *       by {@code LOCKSTEP_REGISTRY}; without it, only to the registry given on the command line
 *       ({@code --registry}), never to a host that only the graph names;
 *   <li>the Docker config ({@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}):
 *       {@code credHelpers} for the host, its {@code auths} entry, then {@code credsStore}; helpers
 *       are the real {@code docker-credential-NAME} programs on {@code PATH};
 *   <li>Helm's registry config ({@code $HELM_CONFIG_HOME/registry/config.json}, else {@code
 *       ~/.config/helm/registry/config.json}): its {@code auths} entry for the host.
 * </ol>
 */
public final class RegistryCredentials {

  public static final String USERNAME_ENV = "LOCKSTEP_REGISTRY_USERNAME";
  public static final String PASSWORD_ENV = "LOCKSTEP_REGISTRY_PASSWORD";
  public static final String REGISTRY_ENV = "LOCKSTEP_REGISTRY";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long HELPER_TIMEOUT_SECONDS = 10;
  private static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

  private final Optional<Credentials> fixed;
  private final Map<String, String> env;
  private final Optional<Path> dockerConfig;
  private final Optional<Path> helmConfig;
  private final Optional<String> commandLineRegistry;

  private RegistryCredentials(
      Optional<Credentials> fixed,
      Map<String, String> env,
      Optional<Path> dockerConfig,
      Optional<Path> helmConfig,
      Optional<String> commandLineRegistry) {
    this.fixed = fixed;
    this.env = Map.copyOf(env);
    this.dockerConfig = dockerConfig;
    this.helmConfig = helmConfig;
    this.commandLineRegistry = commandLineRegistry;
  }

  /** The process environment, the user's Docker config and Helm's registry config. */
  public static RegistryCredentials fromEnvironment() {
    return from(System.getenv());
  }

  /** Given variables; the Docker and Helm configs they point at. */
  public static RegistryCredentials from(Map<String, String> env) {
    return new RegistryCredentials(
        Optional.empty(),
        env,
        Optional.of(defaultDockerConfig(env)),
        Optional.of(defaultHelmRegistryConfig(env)),
        Optional.empty());
  }

  /** Given variables and Docker config file (which may not exist); no Helm config. */
  public static RegistryCredentials from(Map<String, String> env, Path dockerConfigFile) {
    return new RegistryCredentials(
        Optional.empty(), env, Optional.of(dockerConfigFile), Optional.empty(), Optional.empty());
  }

  /** Exactly these credentials for every registry, nothing else consulted (embedders, tests). */
  public static RegistryCredentials of(Credentials credentials) {
    return new RegistryCredentials(
        Optional.of(credentials), Map.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Anonymous access only. */
  public static RegistryCredentials none() {
    return new RegistryCredentials(
        Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * The same sources, where the environment's credentials without {@code LOCKSTEP_REGISTRY} also go
   * to {@code registry} ({@code HOST[:PORT][/PREFIX]}), a registry the user gave on the command
   * line.
   */
  public RegistryCredentials withCommandLineRegistry(Optional<String> registry) {
    return new RegistryCredentials(
        fixed,
        env,
        dockerConfig,
        helmConfig,
        registry.map(r -> ImageName.normalizeRegistry(r.replaceFirst("^(?i)oci://", ""))));
  }

  /**
   * Credentials for {@code host} ("registry.example.com" or "127.0.0.1:5000"), if any belong to it.
   */
  public Optional<Credentials> find(String host) {
    if (fixed.isPresent()) {
      return fixed;
    }
    String wanted = ImageName.normalizeRegistry(host);
    Optional<Credentials> fromEnv = fromEnv(wanted);
    if (fromEnv.isPresent()) {
      return fromEnv;
    }
    Optional<Credentials> docker = dockerConfig.flatMap(file -> fromDockerConfig(file, wanted));
    if (docker.isPresent()) {
      return docker;
    }
    return helmConfig.flatMap(file -> fromAuths(read(file).path("auths"), wanted));
  }

  private Optional<Credentials> fromEnv(String wanted) {
    String user = env.get(USERNAME_ENV);
    String password = env.get(PASSWORD_ENV);
    if (user == null || user.isEmpty() || password == null) {
      return Optional.empty();
    }
    String named = env.get(REGISTRY_ENV);
    boolean belongs =
        named != null && !named.isBlank()
            ? ImageName.normalizeRegistry(named.trim()).equals(wanted)
            : commandLineRegistry.map(wanted::equals).orElse(false);
    return belongs ? Optional.of(new Credentials(user, password)) : Optional.empty();
  }

  /** {@code $DOCKER_CONFIG/config.json}, else {@code $HOME/.docker/config.json}, as docker. */
  static Path defaultDockerConfig(Map<String, String> env) {
    return set(env, "DOCKER_CONFIG")
        .map(Path::of)
        .orElseGet(() -> home(env).resolve(".docker"))
        .resolve("config.json");
  }

  /**
   * Helm's registry login file: under {@code $HELM_CONFIG_HOME}, else {@code
   * $XDG_CONFIG_HOME/helm}, else {@code $HOME/.config/helm}, as Helm.
   */
  static Path defaultHelmRegistryConfig(Map<String, String> env) {
    Path home =
        set(env, "HELM_CONFIG_HOME")
            .map(Path::of)
            .or(() -> set(env, "XDG_CONFIG_HOME").map(x -> Path.of(x, "helm")))
            .orElseGet(() -> home(env).resolve(".config").resolve("helm"));
    return home.resolve("registry").resolve("config.json");
  }

  /**
   * The user's home as the environment says ({@code $HOME}); Java's {@code user.home} (from the
   * password database) only when it is unset.
   */
  private static Path home(Map<String, String> env) {
    return set(env, "HOME").map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home")));
  }

  private static Optional<String> set(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
  }

  private Optional<Credentials> fromDockerConfig(Path file, String wanted) {
    JsonNode config = read(file);
    Optional<String> helper = key(config.path("credHelpers"), wanted).map(JsonNode::asText);
    if (helper.isPresent() && !helper.get().isBlank()) {
      return runHelper(helper.get(), wanted);
    }
    Optional<Credentials> auth = fromAuths(config.path("auths"), wanted);
    if (auth.isPresent()) {
      return auth;
    }
    String store = config.path("credsStore").asText("");
    return store.isBlank() ? Optional.empty() : runHelper(store, wanted);
  }

  private static JsonNode read(Path file) {
    if (!Files.isRegularFile(file)) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      // An unreadable config means "no credentials here", as docker itself treats it.
      return JSON.missingNode();
    }
  }

  /** The value under the key that names {@code wanted}, whatever the key's shape. */
  private static Optional<JsonNode> key(JsonNode map, String wanted) {
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (ImageName.normalizeRegistry(entry.getKey()).equals(wanted)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }

  private static Optional<Credentials> fromAuths(JsonNode auths, String wanted) {
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

  /**
   * Asks {@code docker-credential-NAME get} on {@code PATH} for the host, as docker does; a helper
   * that is missing, fails or knows nothing means no credentials.
   */
  private Optional<Credentials> runHelper(String name, String wanted) {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      return Optional.empty();
    }
    Optional<Path> program = onPath("docker-credential-" + name);
    if (program.isEmpty()) {
      return Optional.empty();
    }
    String server = wanted.equals(ImageName.DOCKER_HUB) ? DOCKER_HUB_SERVER : wanted;
    List<String> command = new ArrayList<>(List.of(program.get().toString(), "get"));
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().clear();
      pb.environment().putAll(env);
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(server.getBytes(StandardCharsets.UTF_8));
      }
      byte[] out = p.getInputStream().readNBytes(64 * 1024);
      if (!p.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      if (p.exitValue() != 0) {
        return Optional.empty();
      }
      JsonNode answer = JSON.readTree(out);
      String user = answer.path("Username").asText("");
      String secret = answer.path("Secret").asText("");
      if (user.isEmpty() || secret.isEmpty() || user.equals("<token>")) {
        return Optional.empty();
      }
      return Optional.of(new Credentials(user, secret));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private Optional<Path> onPath(String program) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir).resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
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

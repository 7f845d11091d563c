package dev.lockstep.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real CNCF distribution registry ({@code docker-registry serve}) on 127.0.0.1 and a free port,
 * storing blobs in a directory under the caller's work dir. Optionally protected by htpasswd Basic
 * auth.
 */
public final class LocalRegistry implements AutoCloseable {

  private static final String BINARY = "docker-registry";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final Path dir;
  private final Path config;
  private final Path log;
  private final int port;
  private final Optional<String> user;
  private final Optional<String> password;
  private final Optional<TokenServer> tokenServer;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  /**
   * Kills a still-running registry if a test dies before closing it, so no process outlives the
   * JVM.
   */
  private final Thread reaper = new Thread(this::kill, "local-registry-reaper");

  private Process process;

  private LocalRegistry(
      Path dir,
      int port,
      Optional<String> user,
      Optional<String> password,
      Optional<TokenServer> tokenServer)
      throws IOException {
    this.dir = dir;
    this.port = port;
    this.user = user;
    this.password = password;
    this.tokenServer = tokenServer;
    this.config = dir.resolve("config.yml");
    this.log = dir.resolve("registry.log");
    Files.createDirectories(dir.resolve("storage"));
    Optional<Path> htpasswd =
        user.isPresent() && tokenServer.isEmpty()
            ? Optional.of(writeHtpasswd(user.get(), password.get()))
            : Optional.empty();
    Files.writeString(config, configYaml(htpasswd));
  }

  /** An open registry. */
  public static LocalRegistry start(Path workDir) throws IOException, InterruptedException {
    return startNew(workDir, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A registry that answers 401 unless given {@code user}/{@code password} by Basic auth. */
  public static LocalRegistry startWithAuth(Path workDir, String user, String password)
      throws IOException, InterruptedException {
    return startNew(workDir, Optional.of(user), Optional.of(password), Optional.empty());
  }

  /**
   * A registry with Bearer token auth ({@code auth: token}): clients get a 401 challenge naming
   * {@code tokens}' realm, fetch a JWT there with Basic credentials and retry with it.
   */
  public static LocalRegistry startWithTokenAuth(
      Path workDir, TokenServer tokens, String user, String password)
      throws IOException, InterruptedException {
    return startNew(workDir, Optional.of(user), Optional.of(password), Optional.of(tokens));
  }

  private static LocalRegistry startNew(
      Path workDir, Optional<String> user, Optional<String> password, Optional<TokenServer> tokens)
      throws IOException, InterruptedException {
    requireBinary(BINARY);
    Path dir = Files.createTempDirectory(Files.createDirectories(workDir), "registry-");
    LocalRegistry registry = new LocalRegistry(dir, freeLoopbackPort(), user, password, tokens);
    Runtime.getRuntime().addShutdownHook(registry.reaper);
    registry.launch();
    return registry;
  }

  /** "127.0.0.1:PORT", as used in image references and {@code oci://} URLs. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Where the registry keeps its blobs and repositories. Survives {@link #restart()}. */
  public Path storage() {
    return dir.resolve("storage");
  }

  /**
   * How many manifests were ever stored for {@code repository} (distribution keeps one revision
   * link per manifest digest): proves from the outside whether a client pushed again.
   */
  public int manifestRevisions(String repository) throws IOException {
    Path revisions =
        storage()
            .resolve("docker/registry/v2/repositories")
            .resolve(repository)
            .resolve("_manifests/revisions/sha256");
    if (!Files.isDirectory(revisions)) {
      return 0;
    }
    try (var entries = Files.list(revisions)) {
      return (int) entries.count();
    }
  }

  public Optional<String> user() {
    return user;
  }

  public Optional<String> password() {
    return password;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Graceful stop: SIGTERM, then a hard kill if it lingers. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Hard kill (SIGKILL), as a crash would: for fault tests. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /**
   * Starts the registry again on the same port with the same storage (stopping it first if
   * running).
   */
  public synchronized void restart() throws IOException, InterruptedException {
    stop();
    launch();
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: nothing left to remove.
    }
  }

  /** The registry's own log, for assertion messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no registry log: " + e.getMessage() + ")";
    }
  }

  private synchronized void launch() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(BINARY, "serve", config.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    awaitReady();
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    HttpRequest ping =
        HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    int expected = user.isPresent() ? 401 : 200;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "docker-registry exited with "
                + process.exitValue()
                + " on "
                + host()
                + ":\n"
                + logTail());
      }
      try {
        if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == expected) {
          return;
        }
      } catch (IOException notYetListening) {
        // keep polling until the deadline
      }
      Thread.sleep(50);
    }
    kill();
    throw new IllegalStateException(
        "docker-registry did not answer on "
            + host()
            + " within "
            + START_TIMEOUT.toSeconds()
            + " s:\n"
            + logTail());
  }

  private String configYaml(Optional<Path> htpasswd) {
    StringBuilder yaml =
        new StringBuilder()
            .append("version: 0.1\n")
            .append("log:\n  level: info\n  accesslog:\n    disabled: true\n")
            .append("storage:\n")
            .append("  filesystem:\n    rootdirectory: ")
            .append(storage())
            .append('\n')
            .append("  delete:\n    enabled: true\n")
            .append("  maintenance:\n    uploadpurging:\n      enabled: false\n")
            .append("http:\n")
            .append("  addr: 127.0.0.1:")
            .append(port)
            .append('\n')
            // A fixed secret keeps upload state valid across restart().
            .append("  secret: lockstep-test-registry\n");
    htpasswd.ifPresent(
        file ->
            yaml.append("auth:\n  htpasswd:\n    realm: lockstep-test\n    path: ")
                .append(file)
                .append('\n'));
    tokenServer.ifPresent(
        tokens ->
            yaml.append("auth:\n  token:\n")
                .append("    realm: ")
                .append(tokens.realm())
                .append('\n')
                .append("    service: ")
                .append(TokenServer.SERVICE)
                .append('\n')
                .append("    issuer: ")
                .append(TokenServer.ISSUER)
                .append('\n')
                .append("    rootcertbundle: ")
                .append(tokens.rootCertBundle())
                .append('\n'));
    return yaml.toString();
  }

  private Path writeHtpasswd(String user, String password) throws IOException {
    requireBinary("htpasswd");
    Process p =
        new ProcessBuilder("htpasswd", "-Bbn", user, password).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            "htpasswd failed: " + new String(out, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running htpasswd", e);
    }
    Path file = dir.resolve("htpasswd");
    Files.write(file, out);
    return file;
  }

  static void requireBinary(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String entry : path.split(java.io.File.pathSeparator)) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, name))) {
        return;
      }
    }
    throw new IllegalStateException(name + " is not installed: run scripts/setup-test-deps");
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}

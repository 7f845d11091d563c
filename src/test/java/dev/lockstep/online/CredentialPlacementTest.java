package dev.lockstep.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.lockstep.exec.ProgressListener;
import dev.lockstep.exec.image.ImageBuilder;
import dev.lockstep.exec.image.ImageRecipe;
import dev.lockstep.exec.image.ImageTarget;
import dev.lockstep.oci.Credentials;
import dev.lockstep.oci.ImageName;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.testing.LocalRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials go only to the host they belong to: a Docker credential helper answers for its host,
 * the environment's credentials go to {@code LOCKSTEP_REGISTRY} or the command line's registry, and
 * a host that only the graph names gets nothing.
 */
@Tag("hostile-credentials")
class CredentialPlacementTest {
  private static final String USER = "erin";
  private static final String PASSWORD = "helper-pa55";

  @TempDir Path tmp;

  /** A registry on loopback that asks for Basic auth and records every Authorization header. */
  static final class RecordingRegistry implements AutoCloseable {
    final HttpServer server;
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    RecordingRegistry() throws Exception {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
              authorizations.add(auth);
            }
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"evil\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
          });
      server.start();
    }

    String host() {
      return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private Path helperOnPath(String registryHost) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path helper = bin.resolve("docker-credential-test");
    Files.writeString(
        helper,
        "#!/bin/sh\n"
            + "read server\n"
            + "if [ \"$1\" = get ] && [ \"$server\" = \""
            + registryHost
            + "\" ]; then\n"
            + "  printf '{\"ServerURL\":\"%s\",\"Username\":\""
            + USER
            + "\",\"Secret\":\""
            + PASSWORD
            + "\"}' \"$server\"\n"
            + "  exit 0\n"
            + "fi\n"
            + "echo 'credentials not found in native keychain'\n"
            + "exit 1\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  private static ImageRecipe recipe() {
    return new ImageRecipe(
        Optional.empty(),
        List.of(new ImageRecipe.Layer("app", "/app")),
        List.of("/app"),
        Map.of(),
        Map.of(),
        Optional.empty(),
        Optional.empty());
  }

  private static Lookups lookups(RegistryCredentials creds) {
    return new Lookups(new OnlineOptions(Optional.empty(), Set.of(), creds, 2));
  }

  @Test
  void aDockerCredentialHelperAnswersForItsHostInLookupsAndPushes() throws Exception {
    try (LocalRegistry registry =
        LocalRegistry.startWithAuth(tmp.resolve("registry"), USER, PASSWORD)) {
      Path bin = helperOnPath(registry.host());
      Path dockerDir = Files.createDirectories(tmp.resolve("docker"));
      Files.writeString(
          dockerDir.resolve("config.json"),
          "{\"credHelpers\": {\"" + registry.host() + "\": \"test\"}}");
      Map<String, String> env = new HashMap<>();
      env.put("PATH", bin + ":/usr/bin:/bin");
      env.put("DOCKER_CONFIG", dockerDir.toString());
      RegistryCredentials creds = RegistryCredentials.from(env);
      assertEquals(Optional.of(new Credentials(USER, PASSWORD)), creds.find(registry.host()));
      assertEquals(Optional.empty(), creds.find("127.0.0.1:1"), "the helper knows one host");

      Files.writeString(tmp.resolve("app"), "app\n");
      new ImageBuilder(creds)
          .build(
              recipe(),
              tmp,
              ImageTarget.registry(registry.host() + "/acme/app:1.0.0", true),
              tmp.resolve("cache"),
              ProgressListener.NONE);
      Lookup present =
          new Lookup.RegistryTag(
              "image", ImageName.parse(registry.host() + "/acme/app"), "1.0.0", Optional.empty());
      try (Lookups l = lookups(creds)) {
        Outcome out = l.run(List.of(present)).get(present);
        assertEquals(Outcome.State.EXISTS, out.state(), out::toString);
      }
    }
  }

  @Test
  void helmsRegistryLoginIsUsedForItsHostOnly() throws Exception {
    Path helmHome = Files.createDirectories(tmp.resolve("helm/registry"));
    String auth =
        java.util.Base64.getEncoder()
            .encodeToString(
                (USER + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Files.writeString(
        helmHome.resolve("config.json"),
        "{\"auths\": {\"charts.example.com\": {\"auth\": \"" + auth + "\"}}}");
    RegistryCredentials creds =
        RegistryCredentials.from(
            Map.of(
                "HELM_CONFIG_HOME",
                tmp.resolve("helm").toString(),
                "DOCKER_CONFIG",
                tmp.resolve("nodocker").toString()));
    assertEquals(Optional.of(new Credentials(USER, PASSWORD)), creds.find("charts.example.com"));
    assertEquals(Optional.empty(), creds.find("other.example.com"));
  }

  @Test
  void environmentCredentialsNeverGoToAHostOnlyTheGraphNames() throws Exception {
    Map<String, String> env =
        Map.of(
            RegistryCredentials.USERNAME_ENV,
            USER,
            RegistryCredentials.PASSWORD_ENV,
            PASSWORD,
            "DOCKER_CONFIG",
            tmp.resolve("nodocker").toString(),
            "HELM_CONFIG_HOME",
            tmp.resolve("nohelm").toString());
    try (RecordingRegistry evil = new RecordingRegistry()) {
      Lookup external =
          new Lookup.RegistryTag(
              "image", ImageName.parse(evil.host() + "/evil/helm"), "1.0.0", Optional.empty());

      try (Lookups l = lookups(RegistryCredentials.from(env))) {
        Outcome out = l.run(List.of(external)).get(external);
        assertEquals(Outcome.State.UNREACHABLE, out.state(), out::toString);
      }
      assertEquals(List.of(), evil.authorizations, "an external image's host got credentials");

      // Named on the command line (--registry) or by LOCKSTEP_REGISTRY, the host gets them: the
      // recording server does see an Authorization header when one is sent.
      try (Lookups l =
          lookups(
              RegistryCredentials.from(env).withCommandLineRegistry(Optional.of(evil.host())))) {
        l.run(List.of(external));
      }
      assertFalse(evil.authorizations.isEmpty(), "the command line's registry got none");
      evil.authorizations.clear();
      Map<String, String> named = new HashMap<>(env);
      named.put(RegistryCredentials.REGISTRY_ENV, evil.host());
      try (Lookups l = lookups(RegistryCredentials.from(named))) {
        l.run(List.of(external));
      }
      assertTrue(
          evil.authorizations.stream().allMatch(a -> a.startsWith("Basic ")),
          evil.authorizations::toString);
      assertFalse(evil.authorizations.isEmpty(), "LOCKSTEP_REGISTRY's host got none");
      named.put(RegistryCredentials.REGISTRY_ENV, "127.0.0.1:1");
      assertEquals(Optional.empty(), RegistryCredentials.from(named).find(evil.host()));
    }
  }
}

package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.testing.LocalRegistry;
import dev.lockstep.testing.Skopeo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release with credentials writes no Helm login state: the user's {@code
 * ~/.config/helm/registry/config.json} (here under a home of the test's own, with a login for
 * another host and one for the release's registry) is byte-identical after a release, after a
 * {@code kill -9} in the middle of the chart push, and after the re-run that finishes it. The CLI
 * runs as its own JVM with {@code HOME} set, as a user runs it.
 */
@Tag("hostile-credentials")
class HelmLoginStateTest {
  static final String USER = "alice";
  static final String PASSWORD = "s3cret-pw";

  @TempDir Path tmp;

  @Test
  void aReleaseKilledDuringTheChartPushAndItsRerunLeaveHelmsRegistryConfigAlone() throws Exception {
    try (LocalRegistry registry =
            LocalRegistry.startWithAuth(tmp.resolve("registry"), USER, PASSWORD);
        ReleaseWorkspace ws = ReleaseWorkspace.create(tmp.resolve("ws"))) {
      Path home = Files.createDirectories(tmp.resolve("home"));
      Path helmRegistry = Files.createDirectories(home.resolve(".config/helm/registry"));
      Path config = helmRegistry.resolve("config.json");
      byte[] seeded =
          ("{\n  \"auths\": {\n"
                  + "    \"registry.example.com\": {\n      \"auth\": \""
                  + base64("someone:else")
                  + "\"\n    },\n"
                  + "    \""
                  + registry.host()
                  + "\": {\n      \"auth\": \""
                  + base64(USER + ":" + PASSWORD)
                  + "\"\n    }\n  }\n}\n")
              .getBytes(StandardCharsets.UTF_8);
      Files.write(config, seeded);

      Run killed = run(ws, registry, home, Optional.of("publish chart"));
      assertTrue(killed.killed(), killed::toString);
      assertTrue(killed.stderr().contains("publish chart"), killed::toString);
      assertArrayEquals(seeded, Files.readAllBytes(config), "after kill -9: " + killed);
      assertEquals(List.of(config), listing(helmRegistry), "no other Helm registry file");

      Run rerun = run(ws, registry, home, Optional.empty());
      assertEquals(0, rerun.exit(), rerun::toString);
      assertArrayEquals(seeded, Files.readAllBytes(config), "after the re-run: " + rerun);
      assertEquals(List.of(config), listing(helmRegistry));
      assertTrue(
          Skopeo.manifestDigest(registry.host() + "/example/app/app-chart:1.1.0", USER, PASSWORD)
              .startsWith("sha256:"));
      assertFalse(
          rerun.stderr().contains(PASSWORD) || rerun.stdout().contains(PASSWORD), rerun::toString);
    }
  }

  record Run(int exit, boolean killed, String stderr, String stdout) {}

  /** {@code lockstep release} in its own JVM, killed right after a line containing {@code at}. */
  static Run run(ReleaseWorkspace ws, LocalRegistry registry, Path home, Optional<String> at)
      throws Exception {
    Path logs = Files.createDirectories(ws.dir().resolve("logs"));
    Path stderr = Files.createTempFile(logs, "stderr", ".txt");
    Path stdout = Files.createTempFile(logs, "stdout", ".txt");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcom.marcnuri.jkube-helm.skipRemoteJar=true",
                "-Duser.home=" + home,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.lockstep.cli.Main"));
    command.addAll(ReleaseKilledTest.args(ws, registry));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(ws.dir().toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Map<String, String> env = builder.environment();
    for (String name :
        List.of(
            "HELM_CONFIG_HOME",
            "HELM_CACHE_HOME",
            "HELM_DATA_HOME",
            "XDG_CONFIG_HOME",
            "DOCKER_CONFIG",
            RegistryCredentials.REGISTRY_ENV)) {
      env.remove(name);
    }
    env.put("HOME", home.toString());
    env.put(RegistryCredentials.USERNAME_ENV, USER);
    env.put(RegistryCredentials.PASSWORD_ENV, PASSWORD);
    Process process = builder.start();
    boolean killed = false;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    try {
      while (process.isAlive() && System.nanoTime() < deadline) {
        if (at.isPresent() && !killed && Files.readString(stderr).contains(at.get())) {
          process.destroyForcibly(); // SIGKILL
          killed = true;
        }
        process.waitFor(2, TimeUnit.MILLISECONDS);
      }
    } finally {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    return new Run(
        process.exitValue(),
        killed && process.exitValue() == 137,
        Files.readString(stderr),
        Files.readString(stdout));
  }

  private static List<Path> listing(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> !p.equals(dir)).sorted().toList();
    }
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}

package dev.lockstep.exec.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.exec.ProgressListener;
import dev.lockstep.oci.Credentials;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.oci.RegistryException;
import dev.lockstep.testing.LayerListing;
import dev.lockstep.testing.LocalRegistry;
import dev.lockstep.testing.Skopeo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@ResourceLock(Resources.SYSTEM_PROPERTIES) // jib's sendCredentialsOverHttp, switched on for a build
class ImageBuilderTest {

  @TempDir static Path shared;
  static LocalRegistry registry;
  static LocalRegistry authRegistry;

  @TempDir Path tmp;

  @BeforeAll
  static void startRegistries() throws Exception {
    registry = LocalRegistry.start(shared);
    authRegistry = LocalRegistry.startWithAuth(shared, "alice", "s3cret");
  }

  @AfterAll
  static void stopRegistries() {
    if (registry != null) {
      registry.close();
    }
    if (authRegistry != null) {
      authRegistry.close();
    }
  }

  static ImageRecipe recipe() {
    return new ImageRecipe(
        Optional.empty(),
        List.of(
            new ImageRecipe.Layer("app", "/opt/app"),
            new ImageRecipe.Layer("config.json", "/etc/demo/")),
        List.of("/opt/app/bin/run.sh"),
        Map.of("B_VAR", "2", "A_VAR", "1"),
        Map.of("org.opencontainers.image.title", "demo", "dev.lockstep.component", "api"),
        Optional.of("/opt/app"),
        Optional.of("1000:1000"));
  }

  /** A small source tree; {@code mtime} and {@code umaskLike} vary what must not matter. */
  static Path sources(Path root, Instant mtime, String filePermissions) throws IOException {
    Files.createDirectories(root.resolve("app/bin"));
    Files.createDirectories(root.resolve("app/static"));
    Files.writeString(root.resolve("app/static/index.html"), "<h1>hello</h1>\n");
    Files.writeString(root.resolve("app/bin/run.sh"), "#!/bin/sh\necho hello\n");
    Files.writeString(root.resolve("config.json"), "{\"port\": 8080}\n");
    Files.setPosixFilePermissions(
        root.resolve("app/bin/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.setPosixFilePermissions(
        root.resolve("app/static/index.html"), PosixFilePermissions.fromString(filePermissions));
    try (var walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        Files.setLastModifiedTime(p, FileTime.from(mtime));
      }
    }
    return root;
  }

  @Test
  void tarballBuildsAreReproducibleAndCarryTheLabels() throws Exception {
    Path first = sources(tmp.resolve("src1"), Instant.parse("2020-01-01T00:00:00Z"), "rw-r--r--");
    Path second = sources(tmp.resolve("src2"), Instant.parse("2024-06-01T12:34:56Z"), "rw-rw-rw-");
    ImageBuilder builder = new ImageBuilder(RegistryCredentials.none());

    long start = System.nanoTime();
    BuiltImage a =
        builder.build(
            recipe(),
            first,
            ImageTarget.tarball(tmp.resolve("a.tar"), "demo/api:1"),
            tmp.resolve("cache-a"),
            ProgressListener.NONE);
    long firstMillis = (System.nanoTime() - start) / 1_000_000;
    BuiltImage b =
        builder.build(
            recipe(),
            second,
            ImageTarget.tarball(tmp.resolve("b.tar"), "demo/api:1"),
            tmp.resolve("cache-b"),
            ProgressListener.NONE);
    System.out.printf(
        "tarball build: %d ms, %d bytes, %s%n",
        firstMillis, Files.size(tmp.resolve("a.tar")), a.digest());

    assertTrue(a.digest().matches("sha256:[0-9a-f]{64}"), a.digest());
    // Pinned across JVMs and machines. The digest legitimately changes with the jib-core version
    // (it is in
    // the image history): after a jib upgrade, check the other assertions pass and update this
    // value.
    assertEquals(
        "sha256:aa59b040104f9784b392a2ee82ca87428bd7d86bcb5f6c16956c35517e026bd4", a.digest());
    assertEquals(a.digest(), b.digest());
    assertEquals(a.imageId(), b.imageId());
    assertEquals(0, a.bytesPushed());
    assertArrayEquals(
        Files.readAllBytes(tmp.resolve("a.tar")), Files.readAllBytes(tmp.resolve("b.tar")));

    JsonNode inspected = Skopeo.inspectArchive(tmp.resolve("a.tar"));
    assertEquals(a.digest(), inspected.path("Digest").asText());
    assertEquals("demo", inspected.path("Labels").path("org.opencontainers.image.title").asText());
    assertEquals("api", inspected.path("Labels").path("dev.lockstep.component").asText());
    assertEquals(2, inspected.path("Layers").size());

    // Source mtimes and a 0666 file must not show: fixed mtime, 0644/0755, root-owned, sorted.
    List<List<String>> layers = LayerListing.of(tmp.resolve("a.tar"), tmp.resolve("unpacked"));
    assertEquals(
        List.of(
            "drwxr-xr-x 0/0 1970-01-01 00:00:01 opt/",
            "drwxr-xr-x 0/0 1970-01-01 00:00:01 opt/app/",
            "drwxr-xr-x 0/0 1970-01-01 00:00:01 opt/app/bin/",
            "-rwxr-xr-x 0/0 1970-01-01 00:00:01 opt/app/bin/run.sh",
            "drwxr-xr-x 0/0 1970-01-01 00:00:01 opt/app/static/",
            "-rw-r--r-- 0/0 1970-01-01 00:00:01 opt/app/static/index.html"),
        layers.get(0));
    assertEquals(
        List.of(
            "drwxr-xr-x 0/0 1970-01-01 00:00:01 etc/",
            "drwxr-xr-x 0/0 1970-01-01 00:00:01 etc/demo/",
            "-rw-r--r-- 0/0 1970-01-01 00:00:01 etc/demo/config.json"),
        layers.get(1));

    JsonNode config = Skopeo.archiveConfig(tmp.resolve("a.tar")).path("config");
    // jib keeps env in a HashMap: the order is its hash order, stable for equal inputs, not sorted.
    assertEquals(java.util.Set.of("A_VAR=1", "B_VAR=2"), texts(config.path("Env")));
    assertEquals("[\"/opt/app/bin/run.sh\"]", config.path("Entrypoint").toString());
    assertEquals("/opt/app", config.path("WorkingDir").asText());
    assertEquals("1000:1000", config.path("User").asText());
  }

  static java.util.Set<String> texts(JsonNode array) {
    java.util.Set<String> out = new java.util.HashSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void changedContentChangesTheDigest() throws Exception {
    Path src = sources(tmp.resolve("src"), Instant.EPOCH, "rw-r--r--");
    ImageBuilder builder = new ImageBuilder(RegistryCredentials.none());
    BuiltImage before =
        builder.build(
            recipe(),
            src,
            ImageTarget.tarball(tmp.resolve("a.tar"), "demo/api:1"),
            tmp.resolve("cache"),
            ProgressListener.NONE);
    Files.writeString(src.resolve("config.json"), "{\"port\": 8081}\n");
    BuiltImage after =
        builder.build(
            recipe(),
            src,
            ImageTarget.tarball(tmp.resolve("b.tar"), "demo/api:1"),
            tmp.resolve("cache"),
            ProgressListener.NONE);
    assertNotEquals(before.digest(), after.digest());
  }

  @Test
  void missingLayerSourceNamesThePath() throws Exception {
    Path src = sources(tmp.resolve("src"), Instant.EPOCH, "rw-r--r--");
    ImageRecipe broken =
        new ImageRecipe(
            Optional.empty(),
            List.of(new ImageRecipe.Layer("nope/dir", "/x")),
            List.of(),
            Map.of(),
            Map.of(),
            Optional.empty(),
            Optional.empty());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ImageBuilder(RegistryCredentials.none())
                    .build(
                        broken,
                        src,
                        ImageTarget.tarball(tmp.resolve("x.tar"), "x:1"),
                        tmp.resolve("cache"),
                        ProgressListener.NONE));
    assertTrue(e.getMessage().contains(src.resolve("nope/dir").toString()), e.getMessage());
    assertTrue(Files.notExists(tmp.resolve("x.tar")));
  }

  @Test
  void pushIsReproducibleAndDoesNotReuploadLayers() throws Exception {
    Path src = sources(tmp.resolve("src"), Instant.EPOCH, "rw-r--r--");
    ImageBuilder builder = new ImageBuilder(RegistryCredentials.none());
    String ref = registry.host() + "/demo/api:1.0.0";
    List<String> phases = new CopyOnWriteArrayList<>();

    long start = System.nanoTime();
    BuiltImage first =
        builder.build(
            recipe(),
            src,
            ImageTarget.registry(ref, true),
            tmp.resolve("cache-1"),
            (subject, phase, done, total) -> phases.add(phase));
    long firstMillis = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    BuiltImage second =
        builder.build(
            recipe(),
            src,
            ImageTarget.registry(ref, true),
            tmp.resolve("cache-2"),
            ProgressListener.NONE);
    long secondMillis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "registry push: first %d ms (%d bytes pushed), second %d ms (%d bytes pushed)%n",
        firstMillis, first.bytesPushed(), secondMillis, second.bytesPushed());

    assertEquals(List.of("1.0.0"), Skopeo.listTags(registry.host() + "/demo/api"));
    assertEquals(first.digest(), Skopeo.inspect(ref).path("Digest").asText());
    assertEquals(first.digest(), second.digest());
    assertTrue(first.bytesPushed() > 0, "first push uploads blobs");
    assertEquals(0, second.bytesPushed(), "second push finds every blob present");
    assertTrue(phases.contains("pushing"), phases.toString());
    assertEquals("done", phases.get(phases.size() - 1));

    BuiltImage tarball =
        builder.build(
            recipe(),
            src,
            ImageTarget.tarball(tmp.resolve("same.tar"), ref),
            tmp.resolve("cache-3"),
            ProgressListener.NONE);
    assertEquals(first.digest(), tarball.digest(), "tarball and registry builds agree");
  }

  @Test
  void buildsOnABaseImageFromTheRegistry() throws Exception {
    Path src = sources(tmp.resolve("src"), Instant.EPOCH, "rw-r--r--");
    ImageBuilder builder = new ImageBuilder(RegistryCredentials.none());
    String baseRef = registry.host() + "/demo/base:1";
    ImageRecipe baseRecipe =
        new ImageRecipe(
            Optional.empty(),
            List.of(new ImageRecipe.Layer("config.json", "/etc/")),
            List.of("/bin/false"),
            Map.of(),
            Map.of("layer", "base"),
            Optional.empty(),
            Optional.empty());
    BuiltImage base =
        builder.build(
            baseRecipe,
            src,
            ImageTarget.registry(baseRef, true),
            tmp.resolve("cache"),
            ProgressListener.NONE);

    ImageRecipe app =
        new ImageRecipe(
            Optional.of(registry.host() + "/demo/base@" + base.digest()),
            List.of(new ImageRecipe.Layer("app", "/opt/app")),
            List.of(),
            Map.of(),
            Map.of("layer", "app"),
            Optional.empty(),
            Optional.empty());
    BuiltImage built =
        builder.build(
            app,
            src,
            ImageTarget.registry(registry.host() + "/demo/app:1", true),
            tmp.resolve("cache"),
            ProgressListener.NONE);

    JsonNode inspected = Skopeo.inspect(registry.host() + "/demo/app:1");
    assertEquals(2, inspected.path("Layers").size());
    assertEquals("app", inspected.path("Labels").path("layer").asText());
    assertEquals(
        "[\"/bin/false\"]",
        Skopeo.config(registry.host() + "/demo/app:1").path("config").path("Entrypoint").toString(),
        "entrypoint inherited from the base");
    assertNotEquals(base.digest(), built.digest());
  }

  @Test
  void pushesToAnAuthenticatedRegistryWithTheRightCredentials() throws Exception {
    Path src = sources(tmp.resolve("src"), Instant.EPOCH, "rw-r--r--");
    String ref = authRegistry.host() + "/private/api:2";
    BuiltImage built =
        new ImageBuilder(RegistryCredentials.of(new Credentials("alice", "s3cret")))
            .build(
                recipe(),
                src,
                ImageTarget.registry(ref, true),
                tmp.resolve("cache"),
                ProgressListener.NONE);
    assertEquals(built.digest(), Skopeo.inspect(ref, "alice", "s3cret").path("Digest").asText());
    assertTrue(
        System.getProperty("sendCredentialsOverHttp") == null, "switch restored after the build");
  }

  @Test
  void wrongOrMissingCredentialsFailWithOneLine() throws Exception {
    Path src = sources(tmp.resolve("src"), Instant.EPOCH, "rw-r--r--");
    String ref = authRegistry.host() + "/private/api:3";
    String expected =
        "authentication failed for "
            + authRegistry.host()
            + ": check LOCKSTEP_REGISTRY_USERNAME/PASSWORD or docker login";
    for (RegistryCredentials creds :
        List.of(
            RegistryCredentials.of(new Credentials("alice", "wrong")),
            RegistryCredentials.none())) {
      RegistryException e =
          assertThrows(
              RegistryException.class,
              () ->
                  new ImageBuilder(creds)
                      .build(
                          recipe(),
                          src,
                          ImageTarget.registry(ref, true),
                          tmp.resolve("cache"),
                          ProgressListener.NONE));
      assertEquals(expected, e.getMessage());
      assertEquals(401, e.status());
    }
  }

  @Test
  void unreachableRegistryIsNamedAndARestartedOneWorksAgain() throws Exception {
    Path src = sources(tmp.resolve("src"), Instant.EPOCH, "rw-r--r--");
    try (LocalRegistry flaky = LocalRegistry.start(tmp)) {
      String ref = flaky.host() + "/demo/flaky:1";
      ImageBuilder builder = new ImageBuilder(RegistryCredentials.none());
      BuiltImage before =
          builder.build(
              recipe(),
              src,
              ImageTarget.registry(ref, true),
              tmp.resolve("cache"),
              ProgressListener.NONE);
      flaky.kill();
      RegistryException e =
          assertThrows(
              RegistryException.class,
              () ->
                  builder.build(
                      recipe(),
                      src,
                      ImageTarget.registry(ref, true),
                      tmp.resolve("cache"),
                      ProgressListener.NONE));
      assertEquals("registry " + flaky.host() + " is not reachable", e.getMessage());

      flaky.restart();
      BuiltImage after =
          builder.build(
              recipe(),
              src,
              ImageTarget.registry(ref, true),
              tmp.resolve("cache"),
              ProgressListener.NONE);
      assertEquals(before.digest(), after.digest());
      assertEquals(0, after.bytesPushed(), "storage survived the restart");
    }
  }
}

package dev.lockstep.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.exec.ProgressListener;
import dev.lockstep.exec.image.BuiltImage;
import dev.lockstep.exec.image.ImageBuilder;
import dev.lockstep.exec.image.ImageRecipe;
import dev.lockstep.exec.image.ImageTarget;
import dev.lockstep.testing.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryClientTest {

  @TempDir static Path tmp;
  static LocalRegistry registry;
  static LocalRegistry authRegistry;
  static BuiltImage pushed;
  static BuiltImage pushedPrivate;

  @BeforeAll
  static void pushImages() throws Exception {
    registry = LocalRegistry.start(tmp);
    authRegistry = LocalRegistry.startWithAuth(tmp, "bob", "hunter2");
    Files.writeString(tmp.resolve("hello.txt"), "hello\n");
    ImageRecipe recipe =
        new ImageRecipe(
            Optional.empty(),
            List.of(new ImageRecipe.Layer("hello.txt", "/")),
            List.of(),
            Map.of(),
            Map.of("purpose", "registry-client-test"),
            Optional.empty(),
            Optional.empty());
    ImageBuilder anonymous = new ImageBuilder(RegistryCredentials.none());
    pushed =
        anonymous.build(
            recipe,
            tmp,
            ImageTarget.registry(registry.host() + "/team/app:1.0", true),
            tmp.resolve("cache"),
            ProgressListener.NONE);
    anonymous.build(
        recipe,
        tmp,
        ImageTarget.registry(registry.host() + "/team/app:1.1", true),
        tmp.resolve("cache"),
        ProgressListener.NONE);
    pushedPrivate =
        new ImageBuilder(RegistryCredentials.of(new Credentials("bob", "hunter2")))
            .build(
                recipe,
                tmp,
                ImageTarget.registry(authRegistry.host() + "/team/secret:1", true),
                tmp.resolve("cache"),
                ProgressListener.NONE);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (authRegistry != null) {
      authRegistry.close();
    }
  }

  RegistryClient open() {
    return RegistryClient.forHost(registry.host(), true, Optional.empty());
  }

  @Test
  void seesPresentTagsAndDigests() throws Exception {
    RegistryClient client = open();
    assertEquals(List.of("1.0", "1.1"), client.tags("team/app").stream().sorted().toList());
    assertEquals(Optional.of(pushed.digest()), client.manifestDigest("team/app", "1.0"));
  }

  @Test
  void absentNamesAreEmptyNotErrors() throws Exception {
    RegistryClient client = open();
    assertEquals(List.of(), client.tags("team/nothing"));
    assertEquals(Optional.empty(), client.manifestDigest("team/nothing", "1.0"));
    assertEquals(Optional.empty(), client.manifestDigest("team/app", "9.9"));
  }

  @Test
  void readsManifestAndBlobs() throws Exception {
    RegistryClient client = open();
    byte[] manifest = client.manifest("team/app", "1.0");
    assertEquals(pushed.digest(), RegistryClient.sha256Digest(manifest));
    JsonNode json = new ObjectMapper().readTree(manifest);
    assertEquals("application/vnd.oci.image.manifest.v1+json", json.path("mediaType").asText());
    String configDigest = json.path("config").path("digest").asText();
    assertEquals(pushed.imageId(), configDigest);
    JsonNode config = new ObjectMapper().readTree(client.blob("team/app", configDigest));
    assertEquals(
        "registry-client-test", config.path("config").path("Labels").path("purpose").asText());
  }

  @Test
  void missingBlobNamesHostAndStatus() {
    RegistryException e =
        assertThrows(
            RegistryException.class, () -> open().blob("team/app", "sha256:" + "0".repeat(64)));
    assertEquals(404, e.status());
    assertTrue(
        e.getMessage().startsWith("registry " + registry.host() + " answered HTTP 404"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void basicAuthWithRightCredentials() throws Exception {
    RegistryClient client =
        RegistryClient.forHost(
            authRegistry.host(), true, Optional.of(new Credentials("bob", "hunter2")));
    assertEquals(List.of("1"), client.tags("team/secret"));
    assertEquals(Optional.of(pushedPrivate.digest()), client.manifestDigest("team/secret", "1"));
    assertEquals(List.of(), client.tags("team/absent"));
  }

  @Test
  void missingOrWrongCredentialsGiveTheOneLine401() {
    String expected =
        "authentication failed for "
            + authRegistry.host()
            + ": check LOCKSTEP_REGISTRY_USERNAME/PASSWORD or docker login";
    for (Optional<Credentials> creds :
        List.of(Optional.<Credentials>empty(), Optional.of(new Credentials("bob", "wrong")))) {
      RegistryClient client = RegistryClient.forHost(authRegistry.host(), true, creds);
      RegistryException e = assertThrows(RegistryException.class, () -> client.tags("team/secret"));
      assertEquals(expected, e.getMessage());
      assertEquals(401, e.status());
      e = assertThrows(RegistryException.class, () -> client.manifestDigest("team/secret", "1"));
      assertEquals(expected, e.getMessage());
    }
  }

  @Test
  void stoppedRegistryIsNotReachable() throws Exception {
    try (LocalRegistry gone = LocalRegistry.start(tmp)) {
      RegistryClient client = RegistryClient.forHost(gone.host(), true, Optional.empty());
      assertEquals(List.of(), client.tags("x"));
      gone.stop();
      RegistryException e = assertThrows(RegistryException.class, () -> client.tags("x"));
      assertEquals("registry " + gone.host() + " is not reachable", e.getMessage());
      assertEquals(0, e.status());
    }
  }

  @Test
  void credentialsNeverShowThePassword() {
    assertEquals(
        "Credentials[username=bob, password=****]", new Credentials("bob", "hunter2").toString());
  }
}

package dev.lockstep.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.exec.ProgressListener;
import dev.lockstep.exec.image.BuiltImage;
import dev.lockstep.exec.image.ImageBuilder;
import dev.lockstep.exec.image.ImageRecipe;
import dev.lockstep.exec.image.ImageTarget;
import dev.lockstep.testing.LocalRegistry;
import dev.lockstep.testing.TokenServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Bearer challenge flow against a real registry configured with {@code auth: token}. */
class RegistryBearerAuthTest {

  @TempDir static Path tmp;
  static TokenServer tokens;
  static LocalRegistry registry;
  static BuiltImage pushed;

  @BeforeAll
  static void start() throws Exception {
    tokens = TokenServer.start(tmp, "dave", "t0ken-pass");
    registry = LocalRegistry.startWithTokenAuth(tmp, tokens, "dave", "t0ken-pass");
    Files.writeString(tmp.resolve("f.txt"), "bearer\n");
    ImageRecipe recipe =
        new ImageRecipe(
            Optional.empty(),
            List.of(new ImageRecipe.Layer("f.txt", "/")),
            List.of(),
            Map.of(),
            Map.of(),
            Optional.empty(),
            Optional.empty());
    // jib speaks the same Bearer flow: pushing through it proves the token service is a faithful
    // one.
    pushed =
        new ImageBuilder(RegistryCredentials.of(new Credentials("dave", "t0ken-pass")))
            .build(
                recipe,
                tmp,
                ImageTarget.registry(registry.host() + "/team/tokened:1", true),
                tmp.resolve("cache"),
                ProgressListener.NONE);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  @Test
  void fetchesATokenAndReusesItForTheSameRepository() throws Exception {
    RegistryClient client =
        RegistryClient.forHost(
            registry.host(), true, Optional.of(new Credentials("dave", "t0ken-pass")));
    int before = tokens.tokensIssued();
    assertEquals(List.of("1"), client.tags("team/tokened"));
    assertEquals(Optional.of(pushed.digest()), client.manifestDigest("team/tokened", "1"));
    assertEquals(
        pushed.digest(), RegistryClient.sha256Digest(client.manifest("team/tokened", "1")));
    assertEquals(Optional.empty(), client.manifestDigest("team/tokened", "2"));
    assertEquals(
        before + 1, tokens.tokensIssued(), "one token serves every call on the repository");
  }

  @Test
  void tokenRefusedMeansAuthenticationFailed() {
    String expected =
        "authentication failed for "
            + registry.host()
            + ": check LOCKSTEP_REGISTRY_USERNAME/PASSWORD or docker login";
    for (Optional<Credentials> creds :
        List.of(Optional.<Credentials>empty(), Optional.of(new Credentials("dave", "wrong")))) {
      RegistryException e =
          assertThrows(
              RegistryException.class,
              () -> RegistryClient.forHost(registry.host(), true, creds).tags("team/tokened"));
      assertEquals(expected, e.getMessage());
      assertTrue(e.status() == 401);
    }
  }
}

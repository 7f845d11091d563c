package dev.lockstep.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.exec.ProgressListener;
import dev.lockstep.exec.image.ImageBuilder;
import dev.lockstep.exec.image.ImageRecipe;
import dev.lockstep.exec.image.ImageTarget;
import dev.lockstep.oci.Credentials;
import dev.lockstep.oci.ImageName;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.testing.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookups against a registry with htpasswd auth: credentials are used, refusals fail, passwords are
 * never shown.
 */
class LookupsAuthTest {
  private static final String USER = "dana";
  private static final String PASSWORD = "s3cret-pa55";

  @TempDir Path tmp;

  @Test
  void credentialsAreUsedAndARefusalIsAFailedLookup() throws Exception {
    try (LocalRegistry registry =
        LocalRegistry.startWithAuth(tmp.resolve("registry"), USER, PASSWORD)) {
      Files.writeString(tmp.resolve("app"), "app\n");
      new ImageBuilder(RegistryCredentials.of(new Credentials(USER, PASSWORD)))
          .build(
              new ImageRecipe(
                  Optional.empty(),
                  List.of(new ImageRecipe.Layer("app", "/app")),
                  List.of("/app"),
                  Map.of(),
                  Map.of(),
                  Optional.empty(),
                  Optional.empty()),
              tmp,
              ImageTarget.registry(registry.host() + "/acme/app:1.0.0", true),
              tmp.resolve("cache"),
              ProgressListener.NONE);
      ImageName name = ImageName.parse(registry.host() + "/acme/app");
      Lookup present = new Lookup.RegistryTag("image", name, "1.0.0", Optional.empty());
      Lookup absent = new Lookup.RegistryTag("image", name, "1.0.1", Optional.empty());

      try (Lookups good = lookups(RegistryCredentials.of(new Credentials(USER, PASSWORD)))) {
        Map<Lookup, Outcome> out = good.run(List.of(present, absent, present));
        assertEquals(2, good.asked(), "equal lookups are asked once");
        assertEquals(Outcome.State.EXISTS, out.get(present).state(), out::toString);
        assertEquals(Outcome.State.MISSING, out.get(absent).state(), out::toString);
        assertEquals(registry.host() + "/acme/app:1.0.1 does not exist", out.get(absent).detail());

        // a digest written beside the tag: its manifest must exist too
        String digest = out.get(present).detail();
        assertTrue(digest.startsWith("sha256:"), digest);
        Lookup pinned = new Lookup.RegistryTag("image", name, "1.0.0", Optional.of(digest));
        String other = "sha256:" + "0".repeat(64);
        Lookup wrong = new Lookup.RegistryTag("image", name, "1.0.0", Optional.of(other));
        Map<Lookup, Outcome> digests = good.run(List.of(pinned, wrong));
        assertEquals(Outcome.State.EXISTS, digests.get(pinned).state(), digests::toString);
        assertEquals(Outcome.State.MISSING, digests.get(wrong).state(), digests::toString);
        assertTrue(digests.get(wrong).detail().contains("no manifest " + other), digests::toString);
      }
      for (RegistryCredentials creds :
          List.of(
              RegistryCredentials.none(),
              RegistryCredentials.of(new Credentials(USER, "wrong-" + PASSWORD)))) {
        try (Lookups bad = lookups(creds)) {
          Outcome o = bad.run(List.of(present)).get(present);
          assertEquals(Outcome.State.UNREACHABLE, o.state(), o::toString);
          assertTrue(
              o.detail().startsWith("authentication failed for " + registry.host()), o.detail());
          assertFalse(o.detail().contains(PASSWORD), o.detail());
        }
      }
    }
  }

  @Test
  void urlCredentialsAreRedacted() {
    assertEquals(
        "git ls-remote https://example.com/x.git: not authorized",
        Lookups.redact("git ls-remote https://bob:hunter2@example.com/x.git: not authorized"));
  }

  private static Lookups lookups(RegistryCredentials creds) {
    return new Lookups(new OnlineOptions(Optional.empty(), Set.of(), creds, 2));
  }
}

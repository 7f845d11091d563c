package dev.lockstep.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.exec.ProgressListener;
import dev.lockstep.exec.image.ImageBuilder;
import dev.lockstep.exec.image.ImageRecipe;
import dev.lockstep.exec.image.ImageTarget;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.testing.GitFixture;
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

/**
 * A Kratix-style promise pins its pipeline image as {@code main-<sha7>@sha256:...} in its configure
 * and delete workflows. Against the loopback registry: a pinned digest that does not exist is
 * missing, a tag that moved since the pin is a warning at each place, and {@code bump
 * --resolve-digest} writes the tag with the digest the registry gives it.
 */
class DigestsOnlineTest {
  @TempDir static Path shared;
  @TempDir Path tmp;

  private static LocalRegistry registry;
  private static String first; // main-6ee6b58 as first pushed
  private static String moved; // main-6ee6b58 pushed again: the tag moved
  private static String next; // main-7ab12cd

  @BeforeAll
  static void push() throws Exception {
    registry = LocalRegistry.start(shared.resolve("registry"));
    first = pushed("main-6ee6b58", "one");
    moved = pushed("main-6ee6b58", "two");
    next = pushed("main-7ab12cd", "three");
    assertNotEquals(first, moved);
  }

  private static String pushed(String tag, String content) throws Exception {
    Path src = shared.resolve("src-" + content);
    Files.createDirectories(src.resolve("bin"));
    Files.writeString(src.resolve("bin/pipeline"), "#!/bin/sh\necho " + content + "\n");
    return new ImageBuilder(RegistryCredentials.none())
        .build(
            new ImageRecipe(
                Optional.empty(),
                List.of(new ImageRecipe.Layer("bin/pipeline", "/pipeline")),
                List.of("/pipeline"),
                Map.of(),
                Map.of(),
                Optional.empty(),
                Optional.empty()),
            src,
            ImageTarget.registry(registry.host() + "/syntasso/pipeline:" + tag, true),
            shared.resolve("jib-cache"),
            ProgressListener.NONE)
        .digest();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private Path promise(String configureDigest, String deleteDigest) throws Exception {
    String image = registry.host() + "/syntasso/pipeline";
    GitFixture.init(tmp.resolve("promise"))
        .write(
            "promise.yaml",
            """
            workflows:
              configure:
                image: %s:main-6ee6b58@%s
              delete:
                image: %s:main-6ee6b58@%s
            """
                .formatted(image, configureDigest, image, deleteDigest))
        .commit("promise");
    return Files.writeString(
        tmp.resolve("lockstep.yaml"),
        """
        lockstep: 1
        repos:
          promise: { path: promise }
        artifacts:
          pipeline:
            kind: image
            name: %s
            scheme: { pattern: '^main-[0-9a-f]{7}$' }
            external: { version: main-6ee6b58 }
          promise-file:
            kind: file
            repo: promise
            uses:
              - to: pipeline
                format: "%s:{version}"
                at:
                  - { file: promise.yaml, yaml: .workflows.configure.image }
                  - { file: promise.yaml, yaml: .workflows.delete.image }
        """
            .formatted(image, image));
  }

  @Test
  void aTagThatMovedSinceThePinIsAWarningAtEachPlace() throws Exception {
    Path g = promise(first, first);
    ReleasedApp.Run run = ReleasedApp.run("verify", "--graph", g.toString(), "--online");
    assertEquals(0, run.code(), run::toString);
    List<String> moves = run.linesWith("warning[online.tag-moved]");
    assertEquals(2, moves.size(), run::toString);
    assertTrue(moves.get(0).contains("promise.yaml:3:"), run::toString);
    assertTrue(moves.get(1).contains("promise.yaml:5:"), run::toString);
    assertTrue(
        moves.get(0).contains("now resolves to " + moved + ", not the pinned " + first),
        run::toString);
    assertEquals(
        1, ReleasedApp.run("verify", "--graph", g.toString(), "--online", "--strict").code());
  }

  @Test
  void aPinnedDigestThatDoesNotExistIsMissing() throws Exception {
    String nowhere = "sha256:" + "0".repeat(64);
    Path g = promise(moved, moved);
    Files.writeString(
        tmp.resolve("promise/promise.yaml"),
        Files.readString(tmp.resolve("promise/promise.yaml")).replaceFirst(moved, nowhere));
    ReleasedApp.Run run = ReleasedApp.run("verify", "--graph", g.toString(), "--online");
    assertEquals(1, run.code(), run::toString);
    List<String> missing = run.linesWith("error[online.missing]");
    assertEquals(1, missing.size(), run::toString);
    assertTrue(missing.get(0).contains("promise.yaml:3:"), run::toString);
    assertTrue(run.linesWith("online.tag-moved").isEmpty(), run::toString);
  }

  @Test
  void bumpResolveDigestWritesTheTagWithItsDigest() throws Exception {
    Path g = promise(moved, moved);
    ReleasedApp.Run bump =
        ReleasedApp.run(
            "bump", "pipeline", "main-7ab12cd", "--resolve-digest", "--graph", g.toString());
    assertEquals(0, bump.code(), bump::toString);
    String text = Files.readString(tmp.resolve("promise/promise.yaml"));
    String written = registry.host() + "/syntasso/pipeline:main-7ab12cd@" + next;
    assertEquals(2, text.split(java.util.regex.Pattern.quote(written), -1).length - 1, text);
    ReleasedApp.Run verify = ReleasedApp.run("verify", "--graph", g.toString(), "--online");
    assertEquals(0, verify.code(), verify::toString);
    assertTrue(verify.linesWith("online.").isEmpty(), verify::toString);
  }

  @Test
  void resolveDigestOfATagThatDoesNotExistNamesTheUrl() throws Exception {
    Path g = promise(moved, moved);
    ReleasedApp.Run bump =
        ReleasedApp.run(
            "bump", "pipeline", "main-0000000", "--resolve-digest", "--graph", g.toString());
    assertEquals(1, bump.code(), bump::toString);
    assertTrue(
        bump.err()
            .contains(
                "HEAD http://"
                    + registry.host()
                    + "/v2/syntasso/pipeline/manifests/main-0000000: no such tag"),
        bump::toString);
  }
}

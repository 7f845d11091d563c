package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clean extract a release builds from keeps links inside the repo and refuses the others. */
@Tag("hostile")
class TreeCheckoutLinksTest {
  @TempDir Path dir;

  @Test
  void linksLeavingTheRepoAreRefused() {
    for (String[] c :
        new String[][] {
          {"bin/app", "/etc/hostname"},
          {"bin/app", "../../etc/hostname"},
          {"app", ".."},
          {"cfg", ".git/config"},
          {"a/cfg", "../.git/config"},
        }) {
      UnsafeSymlinkException e =
          assertThrows(
              UnsafeSymlinkException.class, () -> TreeCheckout.refuseLeavingLink(c[0], c[1]));
      assertTrue(e.isRefusal());
      assertTrue(e.getMessage().startsWith("the release commit holds " + c[0]), e.getMessage());
    }
    assertDoesNotThrow(() -> TreeCheckout.refuseLeavingLink("bin/app", "real-app"));
    assertDoesNotThrow(() -> TreeCheckout.refuseLeavingLink("a/b/app", "../c/app"));
  }

  @Test
  void extractRefusesACommittedLinkToAHostFile() throws Exception {
    try (GitFixture repo =
        GitFixture.init(dir.resolve("repo"))
            .write("bin/real", "x\n")
            .symlink("bin/inside", "real")
            .commit("ok")) {
      Path into = dir.resolve("checkout");
      assertEquals(2, TreeCheckout.extract(repo.git().getRepository(), repo.head(), into));
      assertTrue(Files.isSymbolicLink(into.resolve("bin/inside")), "a link inside stays a link");
      repo.symlink("bin/host", "/etc/hostname").commit("host");
      assertThrows(
          UnsafeSymlinkException.class,
          () ->
              TreeCheckout.extract(
                  repo.git().getRepository(), repo.head(), dir.resolve("checkout2")));
    }
  }
}

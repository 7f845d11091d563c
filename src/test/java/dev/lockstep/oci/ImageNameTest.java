package dev.lockstep.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageNameTest {

  private static ImageName name(String registry, String repository) {
    return new ImageName(registry, repository, Optional.empty(), Optional.empty());
  }

  @Test
  void imageNamesSplitLikeDocker() {
    assertEquals(name("docker.io", "library/nginx"), ImageName.parse("nginx"));
    assertEquals(name("docker.io", "bitnami/kubectl"), ImageName.parse("bitnami/kubectl"));
    assertEquals("registry-1.docker.io", ImageName.parse("bitnami/redis").apiHost());
    assertEquals("ghcr.io", ImageName.parse("ghcr.io/a/b").apiHost());
    assertEquals(name("localhost:5000", "app"), ImageName.parse("localhost:5000/app"));
    assertEquals(name("localhost", "app"), ImageName.parse("localhost/app"));
    assertEquals(
        name("ghcr.io", "acme/charts/app"), ImageName.parse("oci://ghcr.io/acme/charts/app/"));
  }

  @Test
  void dockerHubHasOneName() {
    ImageName expected = name("docker.io", "library/nginx");
    assertEquals(expected, ImageName.parse("docker.io/nginx"));
    assertEquals(expected, ImageName.parse("docker.io/library/nginx"));
    assertEquals(expected, ImageName.parse("registry-1.docker.io/library/nginx"));
    assertEquals(expected, ImageName.parse("index.docker.io/nginx"));
    assertEquals("docker.io", ImageName.normalizeRegistry("https://index.docker.io/v1/"));
  }

  @Test
  void tagAndDigestSplitOff() {
    ImageName r = ImageName.parse("127.0.0.1:5000/a/b:1.2.3@sha256:abc");
    assertEquals("127.0.0.1:5000", r.registry());
    assertEquals("a/b", r.repository());
    assertEquals("127.0.0.1:5000/a/b", r.repositoryName());
    assertEquals(Optional.of("1.2.3"), r.tag());
    assertEquals(Optional.of("sha256:abc"), r.digest());
    assertEquals("127.0.0.1:5000/a/b:1.2.3@sha256:abc", r.toString());
    ImageName bare = ImageName.parse("127.0.0.1:5000/a/b");
    assertEquals("127.0.0.1:5000/a/b", bare.repositoryName());
    assertTrue(bare.tag().isEmpty());
    assertEquals("docker.io/library/nginx:1.25", ImageName.parse("nginx:1.25").toString());
  }

  @Test
  void reHomingKeepsThePathAsWritten() {
    assertEquals(
        name("127.0.0.1:5000", "acme/app"),
        ImageName.parse("ghcr.io/acme/app").withRegistry("127.0.0.1:5000"));
    assertEquals(
        "127.0.0.1:5000/mirror/acme/app:1.0.0",
        ImageName.parse("ghcr.io/acme/app:1.0.0").withRegistry("127.0.0.1:5000/mirror").toString());
    assertEquals("h:1/app:2", ImageName.parse("app:2").withRegistry("h:1").toString());
    assertEquals(
        "oci://h:1/charts", ImageName.parse("oci://ghcr.io/charts").withRegistry("h:1").ociUrl());
    assertEquals(
        name("ghcr.io", "charts/app"), ImageName.parse("oci://ghcr.io/charts").child("app"));
  }

  @Test
  void emptyPartsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ImageName.parse(""));
    assertThrows(IllegalArgumentException.class, () -> ImageName.parse("app:"));
    assertThrows(IllegalArgumentException.class, () -> ImageName.parse("app@"));
  }

  @Test
  void everySpellingOfADockerHubNameParsesBackToIt() {
    for (String name : List.of("nginx", "bitnami/kubectl", "ghcr.io/o/p", "localhost:5000/app")) {
      ImageName n = ImageName.parse(name);
      for (String spelling : n.spellings()) {
        assertEquals(n, ImageName.parse(spelling), spelling);
      }
    }
    assertEquals(
        List.of(
            "docker.io/library/nginx",
            "docker.io/nginx",
            "index.docker.io/library/nginx",
            "index.docker.io/nginx",
            "registry-1.docker.io/library/nginx",
            "registry-1.docker.io/nginx",
            "library/nginx",
            "nginx"),
        ImageName.parse("nginx").spellings());
    assertEquals(List.of("ghcr.io/o/p"), ImageName.parse("ghcr.io/o/p").spellings());
  }
}

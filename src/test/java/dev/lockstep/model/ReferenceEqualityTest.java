package dev.lockstep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** References and locators compare by every field and hash consistently with that. */
class ReferenceEqualityTest {
  private static final Path GRAPH = Path.of("graph.yaml");

  private static Locator locator(String file, String yaml, int line) {
    return new Locator(
        file,
        new Query.Yaml(yaml, List.of(new Query.YamlStep.Key(yaml.substring(1))), Optional.empty()),
        Count.ONE,
        Optional.empty(),
        Optional.empty(),
        Source.at(GRAPH, line, 7, "artifacts.app.uses[0].at[0]"));
  }

  private static Reference reference(int index, List<Locator> at) {
    return new Reference(
        index,
        ArtifactId.of("app"),
        ArtifactId.of("lib"),
        Policy.LITERAL,
        Optional.empty(),
        Stamp.EVERY,
        Optional.of(VersionFormat.of("v{version}")),
        at,
        Optional.empty(),
        Source.at(GRAPH, 3, 5, "artifacts.app.uses[0]"));
  }

  @Test
  void equalFieldsAreEqualWithEqualHashes() {
    Reference a = reference(0, List.of(locator("values.yaml", ".tag", 4)));
    Reference b = reference(0, List.of(locator("values.yaml", ".tag", 4)));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(new Edge.Ref(a), new Edge.Ref(b));
    assertEquals(new Edge.Ref(a).hashCode(), new Edge.Ref(b).hashCode());
    assertEquals(a.at().get(0).hashCode(), b.at().get(0).hashCode());
  }

  @Test
  void anyDifferentFieldMakesThemDiffer() {
    Reference a = reference(0, List.of(locator("values.yaml", ".tag", 4)));
    assertNotEquals(a, reference(1, a.at()));
    assertNotEquals(a, reference(0, List.of(locator("values.yaml", ".image", 4))));
    assertNotEquals(a, reference(0, List.of(locator("other.yaml", ".tag", 4))));
    assertNotEquals(a, reference(0, List.of()));
    assertNotEquals(a.at().get(0), locator("values.yaml", ".tag", 5));
    assertNotEquals(
        new Edge.Build(ArtifactId.of("a"), ArtifactId.of("b")),
        new Edge.Build(ArtifactId.of("b"), ArtifactId.of("a")));
    assertEquals(
        new Edge.Build(ArtifactId.of("a"), ArtifactId.of("b")).hashCode(),
        new Edge.Build(ArtifactId.of("a"), ArtifactId.of("b")).hashCode());
  }

  @Test
  void idsAndSchemesCompareByValue() {
    assertEquals(ArtifactId.of("api"), new ArtifactId("api"));
    assertEquals("api".hashCode(), ArtifactId.of("api").hashCode());
    assertNotEquals(ArtifactId.of("api"), ArtifactId.of("web"));
    assertEquals(VersionScheme.SEMVER, new VersionScheme.SemVer());
    assertNotEquals(VersionScheme.SEMVER, new VersionScheme.Loose());
  }
}

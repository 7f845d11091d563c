package dev.lockstep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.Count;
import dev.lockstep.model.FileArtifact;
import dev.lockstep.model.ImageArtifact;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Policy;
import dev.lockstep.model.Problem;
import dev.lockstep.model.Query;
import dev.lockstep.model.Reference;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Stamp;
import dev.lockstep.model.Version;
import dev.lockstep.model.VersionFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph loader: a valid graph becomes the model; a bad one fails with every problem at its
 * place.
 */
class GraphLoaderTest {
  @TempDir Path dir;

  private static final String DESIGN_EXAMPLE =
      """
      lockstep: 1
      repos:
        kubestellar:      { path: .., url: https://github.com/kubestellar/kubestellar, tag: "v{version}" }
        ocm-status-addon: { path: ../../ocm-status-addon, url: https://github.com/kubestellar/ocm-status-addon }
      artifacts:
        kcm-image:
          kind: image
          repo: kubestellar
          name: ghcr.io/kubestellar/kubestellar/controller-manager
          tag: "{version}"
          build:
            prepare: [ make, build ]
            from: gcr.io/distroless/static:nonroot
            layers: [ { from: bin/controller-manager, to: /controller-manager } ]
            entrypoint: [ /controller-manager ]
        core-chart:
          kind: chart
          repo: kubestellar
          path: core-chart
          publish: oci://ghcr.io/kubestellar/kubestellar/core-chart
          version: "{version}"
          appVersion: "{version}"
          placeholder: "0.1.0"
          uses:
            - to: kcm-image
              at: [ { file: core-chart/values.yaml, yaml: .KUBESTELLAR_VERSION } ]
            - to: osa-chart
              at: [ { file: core-chart/values.yaml, yaml: .OCM_STATUS_ADDON_VERSION } ]
        osa-chart:
          kind: chart
          repo: ocm-status-addon
          path: chart
          publish: oci://ghcr.io/kubestellar/ocm-status-addon-chart
          version: "v{version}"
        clusteradm-image:
          kind: image
          name: quay.io/kubestellar/clusteradm
          external: { version: 0.10.1 }
        getting-started:
          kind: file
          repo: kubestellar
          uses:
            - to: core-chart
              stamp: regular
              at: [ { file: docs/mkdocs.yml, yaml: .ks_latest_regular_release } ]
            - to: core-chart
              at: [ { file: scripts/check_pre_req.sh, regex: '^VERSION="(?<version>[^"]+)"', format: "release-{version}" } ]
      """;

  private Path write(String text) throws IOException {
    Path graphDir = Files.createDirectories(dir.resolve("graph"));
    return Files.writeString(graphDir.resolve("lockstep.yaml"), text);
  }

  private BadInputException bad(String text) throws IOException {
    Path g = write(text);
    return assertThrows(BadInputException.class, () -> GraphLoader.load(g));
  }

  private static ArtifactId id(String s) {
    return ArtifactId.of(s);
  }

  @Test
  void loadsTheDesignExample() throws IOException {
    Path g = write(DESIGN_EXAMPLE);
    ReleaseGraph graph = GraphLoader.load(g);

    assertEquals(
        List.of(id("kubestellar"), id("ocm-status-addon")), List.copyOf(graph.repos().keySet()));
    Repo ks = graph.repo(id("kubestellar")).orElseThrow();
    assertEquals(
        dir.toAbsolutePath().normalize(),
        ks.root(),
        "path: .. is relative to the graph file's folder");
    assertEquals(Optional.of("https://github.com/kubestellar/kubestellar"), ks.url());
    assertEquals(VersionFormat.of("v{version}"), ks.tagFormat());
    assertEquals("main", ks.branch());
    Repo osa = graph.repo(id("ocm-status-addon")).orElseThrow();
    assertEquals(
        dir.getParent().resolve("ocm-status-addon").toAbsolutePath().normalize(), osa.root());
    assertEquals(VersionFormat.of("v{version}"), osa.tagFormat(), "the default tag format");

    ImageArtifact kcm =
        assertInstanceOf(ImageArtifact.class, graph.artifact(id("kcm-image")).orElseThrow());
    assertEquals("ghcr.io/kubestellar/kubestellar/controller-manager", kcm.name());
    assertEquals(VersionFormat.PLAIN, kcm.tagFormat());
    assertEquals(List.of("make", "build"), kcm.build().orElseThrow().prepare());
    assertEquals(Optional.of("gcr.io/distroless/static:nonroot"), kcm.build().orElseThrow().from());
    assertEquals("/controller-manager", kcm.build().orElseThrow().layers().get(0).to());
    assertFalse(kcm.isExternal());

    ChartArtifact core =
        assertInstanceOf(ChartArtifact.class, graph.artifact(id("core-chart")).orElseThrow());
    assertEquals("core-chart/Chart.yaml", core.chartYaml());
    assertEquals(Optional.of("ghcr.io/kubestellar/kubestellar/core-chart"), core.publishPath());
    assertEquals(Optional.of("0.1.0"), core.versionPlaceholder());
    assertEquals(Optional.of("0.1.0"), core.appVersionPlaceholder());
    assertEquals(2, core.uses().size());
    Reference toImage = core.uses().get(0);
    assertEquals(id("kcm-image"), toImage.to());
    assertEquals(Policy.LITERAL, toImage.policy());
    Locator values = toImage.at().get(0);
    assertEquals("core-chart/values.yaml", values.file());
    assertEquals(Count.ONE, values.count());
    Query.Yaml q = assertInstanceOf(Query.Yaml.class, values.query());
    assertEquals(List.of(new Query.YamlStep.Key("KUBESTELLAR_VERSION")), q.steps());

    ChartArtifact osaChart =
        assertInstanceOf(ChartArtifact.class, graph.artifact(id("osa-chart")).orElseThrow());
    assertEquals(VersionFormat.of("v{version}"), osaChart.versionFormat());
    assertEquals(VersionFormat.of("v{version}"), graph.defaultFormat(id("osa-chart")));

    ImageArtifact clusteradm =
        assertInstanceOf(ImageArtifact.class, graph.artifact(id("clusteradm-image")).orElseThrow());
    assertTrue(clusteradm.isExternal());
    assertEquals(Optional.of(Version.of("0.10.1")), clusteradm.pinned());

    FileArtifact doc =
        assertInstanceOf(FileArtifact.class, graph.artifact(id("getting-started")).orElseThrow());
    assertEquals(Stamp.REGULAR, doc.uses().get(0).stamp());
    assertEquals(Stamp.EVERY, doc.uses().get(1).stamp());
    Locator script = doc.uses().get(1).at().get(0);
    assertInstanceOf(Query.Regex.class, script.query());
    assertEquals(
        VersionFormat.of("release-{version}"),
        doc.uses().get(1).formatAt(script, graph.defaultFormat(id("core-chart"))));
    assertEquals(
        VersionFormat.PLAIN,
        doc.uses()
            .get(0)
            .formatAt(doc.uses().get(0).at().get(0), graph.defaultFormat(id("core-chart"))));

    assertEquals(4, graph.references().size());
    assertEquals(Optional.of(id("kubestellar")), graph.releaseRepoOf(id("core-chart")));
    assertTrue(graph.dependents(id("kcm-image")).contains(id("core-chart")));
    assertTrue(
        graph.network().successors(id("core-chart")).contains(id("kubestellar")),
        "a chart is built from its repo");
  }

  @Test
  void problemsCarryFileLineColumnAndYamlPath() throws IOException {
    String text =
        """
        lockstep: 1
        repos:
          app: { path: ., tga: "v{version}" }
        artifacts:
          img:
            kind: image
            repo: app
            name: ghcr.io/example/app
            tag: {version}
        """;
    Path g = write(text);
    BadInputException e = assertThrows(BadInputException.class, () -> GraphLoader.load(g));
    List<Problem> problems = e.problems();
    assertEquals(2, problems.size(), e.getMessage());
    Problem key = problems.get(0);
    assertEquals(g.toAbsolutePath().normalize(), key.source().file());
    assertEquals(3, key.source().line());
    assertEquals(text.lines().toList().get(2).indexOf("tga") + 1, key.source().column());
    assertEquals("repos.app.tga", key.source().yamlPath());
    assertTrue(key.fix().contains("'tag'"), key.fix());
    Problem type = problems.get(1);
    assertEquals(9, type.source().line());
    assertEquals("artifacts.img.tag", type.source().yamlPath());
    assertEquals(String.join("\n", problems.stream().map(Problem::line).toList()), e.getMessage());
    assertTrue(
        e.getMessage().lines().allMatch(l -> l.startsWith(g.toAbsolutePath().normalize() + ":")),
        e.getMessage());
  }

  @Test
  void missingSchemaVersion() throws IOException {
    BadInputException e = bad("repos:\n  app: { path: . }\n");
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("lockstep: 1"), e.getMessage());
  }

  @Test
  void unsupportedSchemaVersion() throws IOException {
    BadInputException e = bad("lockstep: 2\nrepos:\n  app: { path: . }\n");
    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals(1, e.problems().get(0).source().line());
    assertTrue(e.getMessage().contains("lockstep: 2"), e.getMessage());
  }

  @Test
  void aListIsNotAGraph() throws IOException {
    BadInputException e = bad("- a\n- b\n");
    assertTrue(e.getMessage().contains("mapping"), e.getMessage());
  }

  @Test
  void anEmptyFileIsNotAGraph() throws IOException {
    BadInputException e = bad("");
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertTrue(e.getMessage().contains("lockstep: 1"), e.getMessage());
  }

  @Test
  void missingGraphFile() {
    BadInputException e =
        assertThrows(BadInputException.class, () -> GraphLoader.load(dir.resolve("none.yaml")));
    assertTrue(e.getMessage().contains("none.yaml"), e.getMessage());
    assertTrue(e.getMessage().contains("not found"), e.getMessage());
  }

  @Test
  void duplicateKeyInsideARepo() throws IOException {
    BadInputException e = bad("lockstep: 1\nrepos:\n  app:\n    path: .\n    path: ..\n");
    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals(5, e.problems().get(0).source().line());
    assertTrue(e.getMessage().contains("first at line 4"), e.getMessage());
  }

  private static String withPlace(String place) {
    return """
        lockstep: 1
        repos:
          app: { path: . }
        artifacts:
          target: { kind: file, repo: app }
          user:
            kind: file
            repo: app
            uses:
              - to: target
                at:
                  - %s
        """
        .formatted(place);
  }

  @Test
  void allAndCountExcludeEachOther() throws IOException {
    BadInputException e =
        bad(withPlace("{ file: a.sh, regex: 'V=(?<version>.*)', all: true, count: 2 }"));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("'all' and 'count'"), e.getMessage());
  }

  @Test
  void countBelowOne() throws IOException {
    BadInputException e = bad(withPlace("{ file: a.sh, regex: 'V=(?<version>.*)', count: 0 }"));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).source().yamlPath().endsWith(".count"), e.getMessage());
  }

  @Test
  void aPlaceTakesExactlyOneQuery() throws IOException {
    assertTrue(
        bad(withPlace("{ file: a.yaml, yaml: .a, regex: 'V=(?<version>.*)' }"))
            .getMessage()
            .contains("one query"));
    assertTrue(
        bad(withPlace("{ file: a.yaml }")).getMessage().contains("yaml, json, regex or chart"));
  }

  @Test
  void aPlaceNeedsAFile() throws IOException {
    assertTrue(bad(withPlace("{ yaml: .a }")).getMessage().contains("missing 'file'"));
  }

  @Test
  void documentSelectors() throws IOException {
    Path g = write(withPlace("{ file: hook.yaml, yaml: .spec.version, document: 2 }"));
    Query.Yaml byIndex =
        (Query.Yaml)
            GraphLoader.load(g)
                .artifact(id("user"))
                .orElseThrow()
                .uses()
                .get(0)
                .at()
                .get(0)
                .query();
    assertEquals(Optional.of(new Query.DocumentSelector.ByIndex(2)), byIndex.document());

    g = write(withPlace("{ file: hook.yaml, yaml: .spec.version, document: metadata.name=ocm }"));
    Query.Yaml byField =
        (Query.Yaml)
            GraphLoader.load(g)
                .artifact(id("user"))
                .orElseThrow()
                .uses()
                .get(0)
                .at()
                .get(0)
                .query();
    Query.DocumentSelector.ByField f =
        assertInstanceOf(Query.DocumentSelector.ByField.class, byField.document().orElseThrow());
    assertEquals(
        List.of(new Query.YamlStep.Key("metadata"), new Query.YamlStep.Key("name")), f.path());
    assertEquals("ocm", f.value());

    BadInputException e = bad(withPlace("{ file: hook.yaml, yaml: .spec.version, document: Job }"));
    assertTrue(e.getMessage().contains("kind=Job"), e.getMessage());
  }

  @Test
  void aBadDocumentSelectorIsReportedAtDocument() throws IOException {
    BadInputException e =
        bad(withPlace("{ file: hook.yaml, yaml: .spec.version, document: [ 1 ] }"));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).source().yamlPath().endsWith(".document"), e.getMessage());
    assertFalse(
        e.getMessage().contains("selector ''"),
        "the message shows what was written: " + e.getMessage());
  }

  @Test
  void anEmptyRepoEntryIsNotSilentlyDropped() throws IOException {
    String text = "lockstep: 1\nrepos:\n  app:\nartifacts:\n  doc: { kind: file, repo: app }\n";
    Path g = write(text);
    ReleaseGraph graph;
    try {
      graph = GraphLoader.load(g);
    } catch (BadInputException e) {
      assertEquals(1, e.problems().size(), e.getMessage());
      assertEquals(
          3,
          e.problems().get(0).source().line(),
          "reported where the empty repo is declared: " + e.getMessage());
      return;
    }
    assertTrue(
        graph.repo(id("app")).isPresent(),
        "an empty repo entry is either a repo with defaults or a problem");
  }

  @Test
  void chartLocatorDefaultsToTheChartsOwnChartYaml() throws IOException {
    Path g =
        write(
            """
        lockstep: 1
        repos:
          app: { path: . }
        artifacts:
          chart:
            kind: chart
            repo: app
            path: deploy/chart
            uses:
              - to: app
                at: [ { chart: appVersion } ]
        """);
    Locator l = GraphLoader.load(g).artifact(id("chart")).orElseThrow().uses().get(0).at().get(0);
    assertEquals("deploy/chart/Chart.yaml", l.file());
    assertEquals(Optional.of("appVersion"), l.chartField());
  }

  @Test
  void chartFieldWithATypo() throws IOException {
    BadInputException e =
        bad(
            """
        lockstep: 1
        repos:
          app: { path: . }
        artifacts:
          chart:
            kind: chart
            repo: app
            path: chart
            uses:
              - to: app
                at: [ { chart: versoin } ]
        """);
    assertTrue(e.getMessage().contains("did you mean 'version'?"), e.getMessage());
  }

  @Test
  void imageNameWithATag() throws IOException {
    BadInputException e =
        bad(
            "lockstep: 1\nrepos:\n  app: { path: . }\nartifacts:\n  img: { kind: image, repo: app, name: 'ghcr.io/x/y:1.0' }\n");
    assertTrue(e.getMessage().contains("tag"), e.getMessage());
    assertTrue(e.problems().get(0).source().yamlPath().endsWith(".name"), e.getMessage());
  }

  @Test
  void externalPinThatIsNotAVersion() throws IOException {
    BadInputException e =
        bad(
            "lockstep: 1\nartifacts:\n  tool: { kind: image, name: quay.io/x/tool, external: { version: latest } }\n");
    assertTrue(e.getMessage().contains("'latest' is not a version"), e.getMessage());
  }

  @Test
  void builtHereAndExternalAtOnce() throws IOException {
    BadInputException e =
        bad(
            """
        lockstep: 1
        repos:
          app: { path: . }
        artifacts:
          img: { kind: image, repo: app, name: ghcr.io/x/y, external: { version: 1.0.0 } }
        """);
    assertTrue(e.getMessage().contains("external"), e.getMessage());
  }

  @Test
  void placeholderPolicyNeedsItsText() throws IOException {
    BadInputException e =
        bad(
            withPlace("{ file: a.yaml, yaml: .a }")
                .replace("- to: target", "- to: target\n        policy: placeholder"));
    assertTrue(e.getMessage().contains("placeholder"), e.getMessage());
  }

  @Test
  void unknownStampAndPolicy() throws IOException {
    BadInputException e =
        bad(
            withPlace("{ file: a.yaml, yaml: .a }")
                .replace(
                    "- to: target",
                    "- to: target\n        stamp: sometimes\n        policy: literally"));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("unknown stamp 'sometimes'"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown policy 'literally'"), e.getMessage());
  }

  @Test
  void placeholderMakesTheReferenceAPlaceholder() throws IOException {
    Path g =
        write(
            withPlace("{ file: a.yaml, yaml: .a }")
                .replace("- to: target", "- to: target\n        placeholder: \"0.0.0\""));
    Reference r = GraphLoader.load(g).artifact(id("user")).orElseThrow().uses().get(0);
    assertEquals(Policy.PLACEHOLDER, r.policy());
    assertEquals(Optional.of("0.0.0"), r.placeholder());
  }

  @Test
  void unversionedReferenceWithPlaces() throws IOException {
    BadInputException e =
        bad(
            withPlace("{ file: a.yaml, yaml: .a }")
                .replace("- to: target", "- to: target\n        unversioned: local checkout"));
    assertTrue(e.getMessage().contains("unversioned"), e.getMessage());
  }
}

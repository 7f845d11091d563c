package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lockstep.cli.Main;
import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Version;
import dev.lockstep.plan.Action;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.Planner;
import dev.lockstep.survey.Survey;
import dev.lockstep.testing.GitFixture;
import dev.lockstep.testing.KubestellarWorkspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lockstep release --graph G kubestellar 0.30.0 --output OUT} (the embedded default) on the
 * workspace modelled on KubeStellar ({@link KubestellarWorkspace},
 * graph/examples/kubestellar.yaml), checked with JGit and by reading the packaged charts: the
 * release rewrites exactly the declared places, only their version characters, on a commit off
 * main's head; placeholders hold the version only there; references to other repos stay; the
 * after-release branch moves literal self-references only; a pre-release leaves the "latest regular
 * release" alone.
 *
 * <p>Two adaptations to what this machine can do, both outside the references under test: (1) the
 * copied graph builds otc-image from scratch with a stand-in binary, since there is no Go toolchain
 * (its prepare command runs {@code go build}) and no network to pull {@code gcr.io/distroless}; (2)
 * the core chart's dependency {@code kubeflex-operator} is vendored under {@code
 * core-chart/charts/} (a commit on main), as {@code helm dependency update} would leave it:
 * lockstep does not fetch chart dependencies, see {@link
 * #aChartWhoseDependencyIsNotVendoredIsRefusedBeforeAnythingIsPublished}.
 */
class KubestellarReleaseTest {
  static final String REPO = "kubestellar";
  static final String VERSION = "0.30.0";
  static final String PREVIOUS = KubestellarWorkspace.KUBESTELLAR;
  static final String PLACEHOLDER = "0.1.0";
  static final String RC = "0.30.1-rc.1";
  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Where otc-image's recipe starts and ends in the example graph: replaced for this machine. */
  static final String OTC_BUILD =
      """
            prepare: [ make, build-transport-controller ]
            from: gcr.io/distroless/static:nonroot   # pin a digest (@sha256:...) for reproducible builds
      """;

  static final String OTC_BUILD_OFFLINE =
      """
            prepare: [ sh, -c, 'mkdir -p bin && printf "ocm-transport-controller %s\\n" "$LOCKSTEP_VERSION" > bin/ocm-transport-controller' ]
      """;
  static final String KUBEFLEX_OPERATOR_CHART =
      """
      apiVersion: v2
      name: kubeflex-operator
      description: Helm chart to install the KubeFlex operator (vendored, as helm dependency update leaves it)
      type: application
      version: v%s
      appVersion: v%s
      """
          .formatted(KubestellarWorkspace.KUBEFLEX, KubestellarWorkspace.KUBEFLEX);

  @TempDir static Path tmp;

  static Path graph;
  static Path out;
  static Git git;
  static Plan plan;
  static ObjectId mainBefore;
  static Run released;

  /** What one in-process run of the CLI returned and printed. */
  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  @BeforeAll
  static void releaseKubestellar() throws Exception {
    graph = KubestellarWorkspace.create(tmp.resolve("ks"));
    buildOffline(graph);
    vendorKubeflexOperator(graph);
    git = Git.open(repoDir(graph).toFile());
    plan = plan(graph, VERSION);
    mainBefore = repo().resolve("refs/heads/main");
    out = tmp.resolve("OUT");
    long start = System.nanoTime();
    released = release(graph, VERSION, out);
    System.out.printf(
        "[timing] kubestellar %s on the embedded default (1 image, 2 charts): %d ms%n",
        VERSION, (System.nanoTime() - start) / 1_000_000);
    assertEquals(0, released.code(), released::toString);
  }

  @AfterAll
  static void close() {
    if (git != null) {
      git.close();
    }
  }

  // ------------------------------------------------------------------ the release commit

  @Test
  void theReleaseCommitSitsOnMainsHeadAndMainIsUntouched() throws Exception {
    RevCommit release = commitOf("refs/heads/release-" + VERSION);
    assertEquals(1, release.getParentCount());
    assertEquals(mainBefore, release.getParent(0).getId(), "parent: main's head");
    assertEquals(mainBefore, repo().resolve("refs/heads/main"), "main not moved");
    assertEquals("refs/heads/main", repo().exactRef("HEAD").getTarget().getName());
    assertTrue(git.status().call().isClean(), "work tree untouched");
    assertEquals(commitOf("refs/tags/v" + VERSION), release);
    assertTrue(
        released
            .out()
            .contains(
                "released kubestellar "
                    + VERSION
                    + ": tag v"
                    + VERSION
                    + " -> "
                    + release.name()
                    + " on release-"
                    + VERSION
                    + " (local)"),
        released::toString);
  }

  @Test
  void theReleaseCommitChangesExactlyThePlannedLinesAndOnlyTheirVersionCharacters()
      throws Exception {
    RevCommit release = commitOf("refs/tags/v" + VERSION);
    Map<String, Action.RewriteFile> rewrites = new TreeMap<>();
    plan.actions(Action.RewriteFile.class).forEach(r -> rewrites.put(r.path(), r));

    // The graph declares these self-references of kubestellar (kcm-chart, core-chart, wds-hook,
    // kubestellar-hook, get-started, docs-config, check-prereqs); nothing else may change.
    assertEquals(
        Set.of(
            "chart/Chart.yaml",
            "core-chart/Chart.yaml",
            "core-chart/values.yaml",
            "config/postcreate-hooks/kubestellar.yaml",
            "docs/content/direct/get-started.md",
            "docs/mkdocs.yml",
            "scripts/check_pre_req.sh"),
        rewrites.keySet(),
        "the plan's rewrites");
    assertEquals(
        rewrites.keySet(), changedPaths(mainBefore, release), "files the release commit changes");

    Map<String, Integer> changedLines = new TreeMap<>();
    for (Action.RewriteFile r : rewrites.values()) {
      String before = fileAt(mainBefore, r.path());
      String after = fileAt(release, r.path());
      assertEquals(r.before(), before, r.path() + " on main is what the plan read");
      assertEquals(r.after(), after, r.path() + " in the release commit is what the plan wrote");
      List<String[]> changed = changedLines(r.path(), before, after);
      changedLines.put(r.path(), changed.size());
      for (String[] pair : changed) {
        assertEquals(
            withoutVersions(pair[0], PREVIOUS, PLACEHOLDER),
            withoutVersions(pair[1], VERSION),
            r.path() + ": only version characters may change:\n- " + pair[0] + "\n+ " + pair[1]);
        assertTrue(pair[1].contains(VERSION), r.path() + ": " + pair[1]);
      }
    }
    assertEquals(
        Map.of(
            "chart/Chart.yaml",
            2,
            "core-chart/Chart.yaml",
            2,
            "core-chart/values.yaml",
            1,
            "config/postcreate-hooks/kubestellar.yaml",
            2,
            "docs/content/direct/get-started.md",
            1,
            "docs/mkdocs.yml",
            2,
            "scripts/check_pre_req.sh",
            1),
        changedLines,
        "changed lines per file");
  }

  @Test
  void placeholdersHoldTheVersionInTheReleaseCommitAndThePlaceholderOnMain() throws Exception {
    RevCommit release = commitOf("refs/tags/v" + VERSION);
    assertTrue(
        fileAt(mainBefore, "chart/Chart.yaml").contains("\nversion: 0.1.0\nappVersion: 0.1.0\n"));
    assertTrue(
        fileAt(release, "chart/Chart.yaml").contains("\nversion: 0.30.0\nappVersion: 0.30.0\n"),
        fileAt(release, "chart/Chart.yaml"));
    assertTrue(fileAt(mainBefore, "core-chart/Chart.yaml").contains("\nversion: \"0.1.0\"\n"));
    assertTrue(fileAt(mainBefore, "core-chart/Chart.yaml").contains("\nappVersion: \"0.1.0\"\n"));
    assertTrue(
        fileAt(release, "core-chart/Chart.yaml").contains("\nversion: \"0.30.0\"\n"),
        "quoting kept");
    assertTrue(fileAt(release, "core-chart/Chart.yaml").contains("\nappVersion: \"0.30.0\"\n"));
    // The work tree is main: still the placeholders.
    assertEquals(
        fileAt(mainBefore, "chart/Chart.yaml"),
        Files.readString(repoDir(graph).resolve("chart/Chart.yaml")));
  }

  @Test
  void referencesToOtherReposAndExternalImagesAreUnchanged() throws Exception {
    RevCommit release = commitOf("refs/tags/v" + VERSION);
    String values = fileAt(release, "core-chart/values.yaml");
    for (String line :
        List.of(
            "OCM_TRANSPORT_PLUGIN_VERSION: \"0.1.12\"",
            "CLUSTERADM_VERSION: \"0.8.2\"",
            "OCM_STATUS_ADDON_VERSION: \"0.2.0\"",
            "HELM_VERSION: \"v3.14.0\"",
            "KUBESTELLAR_VERSION: \"0.30.0\"")) {
      assertTrue(values.contains("\n" + line + "\n"), line + " in\n" + values);
    }
    String ocm = fileAt(release, "config/postcreate-hooks/ocm.yaml");
    assertTrue(ocm.contains("image: quay.io/kubestellar/clusteradm:0.8.2\n"), ocm);
    assertTrue(ocm.contains("- v0.2.0\n"), "the OSA chart version in the ocm PCH");
    String hook = fileAt(release, "config/postcreate-hooks/kubestellar.yaml");
    assertTrue(hook.contains("- \"0.1.12\"\n"), "the OTP chart version in the kubestellar PCH");
    assertTrue(
        fileAt(release, "docs/content/direct/get-started.md")
            .contains("\nexport OCM_TRANSPORT_PLUGIN=0.1.12\n"));
    assertTrue(
        fileAt(release, "core-chart/Chart.yaml")
            .contains("version: v" + KubestellarWorkspace.KUBEFLEX + "\n"),
        "the kubeflex-operator dependency");
    for (String unchanged :
        List.of(
            "hack/versions.json",
            "go.mod",
            "config/postcreate-hooks/ocm.yaml",
            "scripts/deploy-transport-controller.sh",
            "test/e2e/common/setup-kubestellar.sh",
            "docs/content/direct/setup-step-by-step.md")) {
      assertEquals(fileAt(mainBefore, unchanged), fileAt(release, unchanged), unchanged);
    }
  }

  @Test
  void theTagIsAnnotatedAndPeelsToTheReleaseCommit() throws Exception {
    try (RevWalk walk = new RevWalk(repo())) {
      RevObject tag = walk.parseAny(repo().exactRef("refs/tags/v" + VERSION).getObjectId());
      assertTrue(tag instanceof RevTag, "annotated: " + tag);
      RevTag annotated = (RevTag) tag;
      assertEquals("v" + VERSION, annotated.getTagName());
      assertEquals(commitOf("refs/heads/release-" + VERSION), walk.peel(annotated));
      assertFalse(annotated.getFullMessage().isBlank());
    }
  }

  // ------------------------------------------------------------------ after the release

  @Test
  void theAfterReleaseBranchMovesLiteralSelfReferencesOnly() throws Exception {
    String branch = "refs/heads/lockstep/after-v" + VERSION;
    RevCommit after = commitOf(branch);
    RevCommit release = commitOf("refs/tags/v" + VERSION);
    assertEquals(mainBefore, after.getParent(0).getId(), "off main's head");
    Action.AfterReleaseBranch planned = plan.actions(Action.AfterReleaseBranch.class).get(0);
    Set<String> paths =
        planned.rewrites().stream()
            .map(Action.RewriteFile::path)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        Set.of(
            "core-chart/values.yaml",
            "config/postcreate-hooks/kubestellar.yaml",
            "docs/content/direct/get-started.md",
            "docs/mkdocs.yml",
            "scripts/check_pre_req.sh"),
        paths);
    assertEquals(paths, changedPaths(mainBefore, after));
    for (String path : paths) {
      // No placeholder lives in these files: main gets exactly the release commit's lines.
      assertEquals(fileAt(release, path), fileAt(after, path), path);
    }
    for (String chart : List.of("chart/Chart.yaml", "core-chart/Chart.yaml")) {
      assertEquals(
          fileAt(mainBefore, chart),
          fileAt(after, chart),
          chart + " keeps its placeholder on main");
    }
  }

  @Test
  void theOutputFolderHoldsTheStampedChartsAndTheManifestNamesEveryArtifact() throws Exception {
    RevCommit release = commitOf("refs/tags/v" + VERSION);
    for (String chart : List.of("controller-manager-chart", "core-chart")) {
      Path tgz = out.resolve("charts/" + chart + "-" + VERSION + ".tgz");
      assertTrue(Files.isRegularFile(tgz), tgz.toString());
      JsonNode meta = YAML.readTree(entry(tgz, chart + "/Chart.yaml").orElseThrow());
      assertEquals(chart, meta.path("name").asText());
      assertEquals(VERSION, meta.path("version").asText(), chart);
      assertEquals(VERSION, meta.path("appVersion").asText(), chart);
    }
    String coreValues =
        entry(out.resolve("charts/core-chart-" + VERSION + ".tgz"), "core-chart/values.yaml")
            .orElseThrow();
    assertEquals(
        fileAt(release, "core-chart/values.yaml"), coreValues, "the chart is the release commit's");
    assertTrue(Files.isRegularFile(out.resolve("images/otc-image-" + VERSION + ".tar")));

    JsonNode manifest =
        JSON.readTree(Files.readString(out.resolve("release-kubestellar-" + VERSION + ".json")));
    assertEquals(REPO, manifest.path("repo").asText());
    assertEquals(VERSION, manifest.path("version").asText());
    assertEquals("v" + VERSION, manifest.path("tag").asText());
    assertEquals(release.name(), manifest.path("commit").asText());
    Map<String, JsonNode> artifacts = new LinkedHashMap<>();
    manifest.path("artifacts").forEach(a -> artifacts.put(a.path("id").asText(), a));
    Set<String> planned = new TreeSet<>();
    plan.actions(Action.BuildImage.class).forEach(a -> planned.add(a.artifact().value()));
    plan.actions(Action.CheckImage.class).forEach(a -> planned.add(a.artifact().value()));
    plan.actions(Action.PublishChart.class).forEach(a -> planned.add(a.artifact().value()));
    assertEquals(
        Set.of("otc-image", "kcm-image", "kcm-chart", "core-chart"),
        planned,
        "what the plan releases");
    List<String> problems = new ArrayList<>();
    for (String id : planned) {
      JsonNode a = artifacts.get(id);
      if (a == null) {
        problems.add(id + " is missing");
      } else if (a.hasNonNull("file")
          && !Files.isRegularFile(out.resolve(a.path("file").asText()))) {
        problems.add(id + ": no file " + a.path("file").asText());
      }
    }
    assertEquals(
        List.of(),
        problems,
        "the manifest names every artifact of the release:\n" + manifest.toPrettyString());
  }

  @Test
  void aPreReleaseMovesEveryReferenceButTheLatestRegularRelease() throws Exception {
    Plan rcPlan = plan(graph, RC);
    Run run = release(graph, RC, tmp.resolve("OUT-rc"));
    assertEquals(0, run.code(), run::toString);

    RevCommit rc = commitOf("refs/tags/v" + RC);
    assertEquals(mainBefore, rc.getParent(0).getId());
    String mkdocs = fileAt(rc, "docs/mkdocs.yml");
    assertTrue(mkdocs.contains("\nks_latest_release: '" + RC + "'\n"), mkdocs);
    assertTrue(
        mkdocs.contains("\nks_latest_regular_release: '" + PREVIOUS + "'\n"),
        "stamp: regular stays:\n" + mkdocs);
    assertEquals(
        fileAt(mainBefore, "docs/mkdocs.yml")
            .replace("ks_latest_release: '" + PREVIOUS + "'", "ks_latest_release: '" + RC + "'"),
        mkdocs,
        "one line moves in mkdocs.yml");
    assertTrue(
        fileAt(rc, "docs/content/direct/get-started.md")
            .contains("\nexport KUBESTELLAR_VERSION=" + RC + "\n"));
    assertTrue(
        fileAt(rc, "chart/Chart.yaml").contains("\nversion: " + RC + "\nappVersion: " + RC + "\n"));
    String afterMkdocs = fileAt(commitOf("refs/heads/lockstep/after-v" + RC), "docs/mkdocs.yml");
    assertTrue(
        afterMkdocs.contains("\nks_latest_regular_release: '" + PREVIOUS + "'\n"), afterMkdocs);
    assertTrue(afterMkdocs.contains("\nks_latest_release: '" + RC + "'\n"), afterMkdocs);
    for (Action.RewriteFile r : rcPlan.actions(Action.RewriteFile.class)) {
      assertFalse(r.after().contains("ks_latest_regular_release: '" + RC + "'"), r.path());
    }
    assertEquals(mainBefore, repo().resolve("refs/heads/main"));
    assertTrue(git.status().call().isClean());
  }

  // ------------------------------------------------------------------ the example exactly as
  // declared

  /**
   * The core chart exactly as the example declares it: {@code dependencies: [ kubeflex-chart ]} in
   * the graph, and in {@code core-chart/Chart.yaml} the dependency {@code kubeflex-operator v0.8.1}
   * from {@code oci://ghcr.io/kubestellar/kubeflex/chart}, not vendored (KubeStellar's own release
   * workflow fetches it). The release must package the chart with its dependency, as a KubeStellar
   * release does.
   */
  @Test
  void aChartWhoseDependencyIsNotVendoredIsRefusedBeforeAnythingIsPublished(@TempDir Path own)
      throws Exception {
    Path asDeclared = KubestellarWorkspace.create(own.resolve("ks"));
    buildOffline(asDeclared);
    Path output = own.resolve("OUT");

    Run run = release(asDeclared, VERSION, output);

    assertEquals(2, run.code(), run::toString);
    assertTrue(
        run.toString().contains("kubeflex-operator")
            && run.toString().contains("helm dependency build"),
        run::toString);
    assertFalse(
        Files.exists(output.resolve("charts"))
            && Files.list(output.resolve("charts")).findAny().isPresent(),
        "nothing is published");
  }

  // ------------------------------------------------------------------ helpers

  static Path repoDir(Path graphFile) {
    return KubestellarWorkspace.ws(graphFile).resolve(REPO);
  }

  static Repository repo() {
    return git.getRepository();
  }

  /**
   * This machine has no Go toolchain and no network: otc-image is built from scratch from a
   * stand-in binary.
   */
  static void buildOffline(Path graphFile) throws IOException {
    String text = Files.readString(graphFile);
    assertTrue(text.contains(OTC_BUILD), "otc-image's build recipe changed in " + graphFile);
    Files.writeString(graphFile, text.replace(OTC_BUILD, OTC_BUILD_OFFLINE));
  }

  /** Vendors the core chart's dependency into core-chart/charts/, committed on main. */
  static void vendorKubeflexOperator(Path graphFile) {
    try (GitFixture fixture = GitFixture.open(repoDir(graphFile))) {
      fixture
          .write("core-chart/charts/kubeflex-operator/Chart.yaml", KUBEFLEX_OPERATOR_CHART)
          .commit("core chart: vendor kubeflex-operator v" + KubestellarWorkspace.KUBEFLEX);
    }
  }

  static Plan plan(Path graphFile, String version) {
    ReleaseGraph loaded = GraphLoader.load(graphFile);
    return Planner.plan(loaded, Survey.of(loaded), ArtifactId.of(REPO), Version.of(version));
  }

  /**
   * {@code lockstep release --graph G kubestellar VERSION --output OUT}, with the cache in the temp
   * dir.
   */
  static Run release(Path graphFile, String version, Path output) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code =
        Main.run(
            new String[] {
              "release",
              "--graph",
              graphFile.toString(),
              REPO,
              version,
              "--output",
              output.toString(),
              "--cache",
              graphFile.getParent().resolve("cache").toString()
            },
            new PrintWriter(o, true),
            new PrintWriter(e, true));
    return new Run(code, o.toString(), e.toString());
  }

  static RevCommit commitOf(String ref) throws IOException {
    ObjectId id = repo().resolve(ref + "^{commit}");
    assertTrue(id != null, ref + " does not exist");
    return repo().parseCommit(id);
  }

  static String fileAt(ObjectId commit, String path) throws IOException {
    try (RevWalk walk = new RevWalk(repo());
        TreeWalk tw = TreeWalk.forPath(repo(), path, walk.parseCommit(commit).getTree())) {
      assertTrue(tw != null, path + " not in " + commit.name());
      return new String(repo().open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
    }
  }

  static Set<String> changedPaths(ObjectId from, ObjectId to) throws IOException {
    Set<String> paths = new TreeSet<>();
    try (RevWalk walk = new RevWalk(repo());
        TreeWalk tw = new TreeWalk(repo())) {
      tw.addTree(walk.parseCommit(from).getTree());
      tw.addTree(walk.parseCommit(to).getTree());
      tw.setRecursive(true);
      tw.setFilter(TreeFilter.ANY_DIFF);
      while (tw.next()) {
        paths.add(tw.getPathString());
      }
    }
    return paths;
  }

  /**
   * The (old, new) pairs of lines that differ; the line structure itself (count, endings) must not
   * change.
   */
  static List<String[]> changedLines(String path, String before, String after) {
    List<String> a = List.of(before.split("\n", -1));
    List<String> b = List.of(after.split("\n", -1));
    assertEquals(a.size(), b.size(), path + ": lines added or removed");
    List<String[]> changed = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        changed.add(new String[] {a.get(i), b.get(i)});
      }
    }
    return changed;
  }

  static String withoutVersions(String line, String... versions) {
    String result = line;
    for (String v : versions) {
      result = result.replace(v, "");
    }
    return result;
  }

  /** The text of one entry of a .tgz (read with commons-compress), if it is there. */
  static Optional<String> entry(Path tgz, String name) {
    try (InputStream in = Files.newInputStream(tgz);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.getName().equals(name)) {
          return Optional.of(new String(tar.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new AssertionError("cannot read " + tgz + ": " + e.getMessage(), e);
    }
  }
}

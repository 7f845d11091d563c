package dev.lockstep.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.locate.Locate;
import dev.lockstep.locate.LocateException;
import dev.lockstep.locate.Place;
import dev.lockstep.locate.RepoFiles;
import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.Count;
import dev.lockstep.model.Floating;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Policy;
import dev.lockstep.model.Query;
import dev.lockstep.model.Reference;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Stamp;
import dev.lockstep.model.Version;
import dev.lockstep.model.VersionFormat;
import dev.lockstep.testing.KubestellarWorkspace.Fault;
import dev.lockstep.testing.KubestellarWorkspace.Planted;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The workspace agrees with the example graph at every declared place, and each planted fault
 * breaks exactly one kind of rule. The checks here are a small stand-in for verify, written only to
 * keep the fixture honest.
 */
class KubestellarWorkspaceTest {

  @Test
  void everyDeclaredPlaceAgrees(@TempDir Path tmp) throws Exception {
    Path graph = KubestellarWorkspace.create(tmp);
    assertEquals(List.of(), Audit.run(graph));
    for (String repo : KubestellarWorkspace.REPOS) {
      try (GitFixture git = GitFixture.open(tmp.resolve("ws").resolve(repo))) {
        assertTrue(git.isClean(), repo + " has uncommitted changes");
      }
    }
    assertEquals(
        Version.of("0.29.0"), Audit.latestTag(tmp.resolve("ws/kubestellar"), false).orElseThrow());
    assertEquals(
        Version.of("0.29.0"), Audit.latestTag(tmp.resolve("ws/kubestellar"), true).orElseThrow());
  }

  @Test
  void historyHasTheReleasesTagged(@TempDir Path tmp) throws Exception {
    KubestellarWorkspace.create(tmp);
    assertEquals(Set.of("v0.28.0", "v0.29.0-rc.1", "v0.29.0"), tags(tmp.resolve("ws/kubestellar")));
    assertEquals(Set.of("v0.8.0", "v0.8.1"), tags(tmp.resolve("ws/kubeflex")));
    assertEquals(Set.of("v0.1.0", "v0.2.0"), tags(tmp.resolve("ws/ocm-status-addon")));
    assertEquals(Set.of("v0.1.11", "v0.1.12"), tags(tmp.resolve("ws/ocm-transport-plugin")));
    // HEAD of kubestellar is one commit past v0.29.0, whose mkdocs said the rc was not regular.
    try (Git git = Git.open(tmp.resolve("ws/kubestellar").toFile())) {
      Repository r = git.getRepository();
      assertFalse(r.resolve("HEAD").equals(r.resolve("v0.29.0^{commit}")));
      assertEquals(r.resolve("HEAD~1"), r.resolve("v0.29.0^{commit}"));
      String rcDocs = show(r, "v0.29.0-rc.1", "docs/mkdocs.yml");
      assertTrue(rcDocs.contains("ks_latest_release: '0.29.0-rc.1'"), rcDocs);
      assertTrue(rcDocs.contains("ks_latest_regular_release: '0.28.0'"), rcDocs);
    }
  }

  @Test
  void theSameCallsGiveTheSameCommits(@TempDir Path a, @TempDir Path b) throws Exception {
    KubestellarWorkspace.create(a);
    KubestellarWorkspace.create(b);
    for (String repo : KubestellarWorkspace.REPOS) {
      try (GitFixture x = GitFixture.open(a.resolve("ws").resolve(repo));
          GitFixture y = GitFixture.open(b.resolve("ws").resolve(repo))) {
        assertEquals(x.head().getId(), y.head().getId(), repo);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void eachFaultBreaksOneRule(Fault fault, @TempDir Path tmp) throws Exception {
    Path graph = KubestellarWorkspace.create(tmp);
    Path ws = KubestellarWorkspace.ws(graph);
    Planted planted = KubestellarWorkspace.plant(ws, fault);
    assertEquals(fault, planted.fault());

    List<String> problems = Audit.run(graph);
    assertFalse(problems.isEmpty(), fault + " planted nothing the audit sees");
    String code = expectedCode(fault);
    for (String p : problems) {
      assertTrue(
          p.startsWith(code + " "),
          fault + ": expected only " + code + " problems, got " + problems);
    }
    if (!planted.file().isEmpty()) {
      assertTrue(
          problems.stream().anyMatch(p -> p.contains(planted.file())),
          problems + " name " + planted.file());
    }
    if (fault == Fault.REPO_NOT_CHECKED_OUT) {
      assertFalse(Files.exists(ws.resolve("ocm-transport-plugin")));
      return;
    }
    try (GitFixture git = GitFixture.open(ws.resolve(fault.repo()))) {
      assertTrue(git.isClean(), fault + " left uncommitted changes");
      assertTrue(git.head().getFullMessage().length() > 0);
      boolean tracked = tracked(git.git().getRepository(), fault.file());
      assertEquals(fault != Fault.FILE_MISSING, tracked, fault.file() + " tracked");
    }
    if (planted.line() > 0) {
      String line =
          Files.readAllLines(
                  ws.resolve(fault.repo()).resolve(planted.file()), StandardCharsets.UTF_8)
              .get(planted.line() - 1);
      assertTrue(
          line.contains(planted.text()),
          "line " + planted.line() + " of " + planted.file() + ": " + line);
    }
  }

  @Test
  void faultsCombine(@TempDir Path tmp) throws Exception {
    Path graph = KubestellarWorkspace.create(tmp);
    KubestellarWorkspace.plant(graph, Fault.DISAGREEMENT);
    KubestellarWorkspace.plant(graph, Fault.FLOATING);
    KubestellarWorkspace.plant(graph, Fault.UNDECLARED_CHART);
    Set<String> codes = new TreeSet<>();
    Audit.run(graph).forEach(p -> codes.add(p.substring(0, p.indexOf(' '))));
    assertEquals(new TreeSet<>(List.of("disagreement", "floating", "undeclared")), codes);
  }

  private static String expectedCode(Fault fault) {
    switch (fault) {
      case DISAGREEMENT:
        return "disagreement";
      case FLOATING:
        return "floating";
      case NOT_A_VERSION:
        return "not-a-version";
      case WRONG_FORMAT:
        return "wrong-format";
      case PLACEHOLDER_CHANGED:
        return "placeholder";
      case SELF_REFERENCE_STALE:
        return "self-reference";
      case EXTERNAL_PIN_MISMATCH:
        return "external-pin";
      case UNDECLARED_IMAGE:
        return "undeclared";
      case UNDECLARED_CHART:
        return "undeclared";
      case COUNT_MISMATCH:
        return "count";
      case FILE_MISSING:
        return LocateException.Reason.FILE_MISSING.code();
      case SYMLINK_ESCAPE:
        return LocateException.Reason.PATH_ESCAPE.code();
      case BINARY_FILE:
        return LocateException.Reason.BINARY.code();
      case REPO_NOT_CHECKED_OUT:
        return "repo-not-checked-out";
      default:
        throw new IllegalArgumentException(fault.name());
    }
  }

  private static Set<String> tags(Path repo) throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      Set<String> out = new TreeSet<>();
      for (Ref r : git.tagList().call()) {
        out.add(Repository.shortenRefName(r.getName()));
        assertTrue(
            git.getRepository().getRefDatabase().peel(r).getPeeledObjectId() != null,
            r + " is annotated");
      }
      return out;
    }
  }

  private static String show(Repository r, String rev, String path) throws IOException {
    try (RevWalk walk = new RevWalk(r)) {
      RevCommit c = walk.parseCommit(r.resolve(rev));
      try (TreeWalk tw = TreeWalk.forPath(r, path, c.getTree())) {
        return new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  private static boolean tracked(Repository r, String path) throws IOException {
    try (RevWalk walk = new RevWalk(r)) {
      RevCommit head = walk.parseCommit(r.resolve("HEAD"));
      try (TreeWalk tw = TreeWalk.forPath(r, path, head.getTree())) {
        return tw != null;
      }
    }
  }

  /**
   * A minimal reading of verify's rules over the graph and the work space. Each problem is one line
   * that starts with a code: {@code count}, {@code placeholder}, {@code floating}, {@code
   * not-a-version}, {@code wrong-format}, {@code self-reference}, {@code external-pin}, {@code
   * disagreement}, {@code undeclared}, {@code repo-not-checked-out}, or a {@link
   * LocateException.Reason#code()}.
   */
  static final class Audit {
    private final ReleaseGraph graph;
    private final List<String> out = new ArrayList<>();
    private final Locate locate = new Locate();
    private final Map<ArtifactId, RepoFiles> files = new LinkedHashMap<>();

    /** Found spans by repo and file: what the undeclared scan counts as declared. */
    private final Map<String, List<Place>> covered = new LinkedHashMap<>();

    /** Literal versions by "from-repo -> target". */
    private final Map<String, Map<Version, List<String>>> literal = new LinkedHashMap<>();

    private Audit(ReleaseGraph graph) {
      this.graph = graph;
    }

    static List<String> run(Path graphFile) throws Exception {
      Audit a = new Audit(GraphLoader.load(graphFile));
      a.references();
      a.placeholders();
      a.disagreements();
      a.undeclared();
      return a.out;
    }

    private boolean present(Repo r) {
      return Files.isDirectory(r.root());
    }

    private RepoFiles files(Repo r) {
      return files.computeIfAbsent(r.id(), k -> new RepoFiles(r.root()));
    }

    private void references() throws Exception {
      Set<ArtifactId> missing = new TreeSet<>();
      for (Artifact a : graph.artifacts().values()) {
        if (!a.enabled() || a.repo().isEmpty()) {
          continue;
        }
        Repo repo = graph.repo(a.repo().get()).orElseThrow();
        if (!present(repo)) {
          if (missing.add(repo.id())) {
            out.add("repo-not-checked-out " + repo.id() + " at " + repo.root());
          }
          continue;
        }
        for (Reference ref : a.uses()) {
          for (Locator loc : ref.at()) {
            place(repo, ref, loc);
          }
        }
      }
    }

    private void place(Repo repo, Reference ref, Locator loc) throws Exception {
      Locate.Found found;
      try {
        found = locate.locate(files(repo), loc);
      } catch (LocateException e) {
        out.add(e.reason().code() + " " + loc.file() + ": " + e.getMessage());
        return;
      }
      String where = repo.id() + ":" + loc.file();
      if (!loc.count().accepts(found.places().size())) {
        out.add(
            "count "
                + where
                + ": "
                + loc.describe()
                + " matched "
                + found.places().size()
                + ", wanted "
                + loc.count());
      }
      covered.computeIfAbsent(where, k -> new ArrayList<>()).addAll(found.places());
      for (Place s : found.places()) {
        String at = repo.id() + ":" + s.position();
        if (ref.policy() == Policy.PLACEHOLDER) {
          if (!s.value().equals(ref.placeholder().orElseThrow())) {
            out.add(
                "placeholder "
                    + at
                    + ": '"
                    + s.value()
                    + "' is not the placeholder "
                    + ref.placeholder().get());
          }
          continue;
        }
        VersionFormat format = ref.formatAt(loc, graph.defaultFormat(ref.to()));
        Optional<Version> v = format.parse(s.value()).map(VersionFormat.Written::version);
        if (v.isEmpty()) {
          if (Floating.is(s.value())) {
            out.add("floating " + at + ": '" + s.value() + "'");
          } else if (VersionFormat.COMMON.stream().anyMatch(f -> f.parse(s.value()).isPresent())) {
            out.add("wrong-format " + at + ": '" + s.value() + "' is not " + format);
          } else {
            out.add("not-a-version " + at + ": '" + s.value() + "'");
          }
          continue;
        }
        Version version = v.get();
        literal
            .computeIfAbsent(repo.id() + " -> " + ref.to(), k -> new LinkedHashMap<>())
            .computeIfAbsent(version, k -> new ArrayList<>())
            .add(at);
        if (graph.releaseRepoOf(ref.to()).equals(Optional.of(repo.id()))) {
          Optional<Version> current = latestTag(repo.root(), ref.stamp() == Stamp.REGULAR);
          if (current.isPresent() && !current.get().equals(version)) {
            out.add(
                "self-reference "
                    + at
                    + ": "
                    + version
                    + " but "
                    + repo.id()
                    + " is at "
                    + current.get());
          }
        }
        graph
            .artifact(ref.to())
            .flatMap(Artifact::pinned)
            .filter(p -> !p.equals(version))
            .ifPresent(
                p -> out.add("external-pin " + at + ": " + version + " but the graph pins " + p));
      }
    }

    private void placeholders() throws Exception {
      for (ChartArtifact c : graph.charts()) {
        if (!c.enabled() || c.repo().isEmpty()) {
          continue;
        }
        Repo repo = graph.repo(c.repo().get()).orElseThrow();
        if (!present(repo)) {
          continue;
        }
        check(repo, c, "version", c.versionPlaceholder());
        check(repo, c, "appVersion", c.appVersionPlaceholder());
      }
    }

    private void check(Repo repo, ChartArtifact c, String field, Optional<String> placeholder)
        throws Exception {
      if (placeholder.isEmpty()) {
        return;
      }
      Locator loc =
          new Locator(
              c.chartYaml(),
              new Query.Yaml("." + field, List.of(new Query.YamlStep.Key(field)), Optional.empty()),
              Count.ONE,
              Optional.empty(),
              Optional.of(field),
              c.source());
      try {
        List<Place> places = locate.locate(files(repo), loc).places();
        if (places.size() != 1 || !places.get(0).value().equals(placeholder.get())) {
          out.add(
              "placeholder "
                  + repo.id()
                  + ":"
                  + c.chartYaml()
                  + ": "
                  + field
                  + " is "
                  + places.stream().map(Place::value).toList()
                  + ", not the placeholder "
                  + placeholder.get());
        }
      } catch (LocateException e) {
        out.add(e.reason().code() + " " + c.chartYaml() + ": " + e.getMessage());
      }
    }

    private void disagreements() {
      literal.forEach(
          (edge, versions) -> {
            if (versions.size() > 1) {
              out.add("disagreement " + edge + ": " + versions);
            }
          });
    }

    /**
     * Tracked files that write a known image as name:version, or a known chart with --version X.
     */
    private void undeclared() throws Exception {
      List<Pattern> patterns = new ArrayList<>();
      for (Artifact a : graph.artifacts().values()) {
        a.match(
                i ->
                    Optional.of(
                        Pattern.compile(
                            Pattern.quote(i.name()) + ":(?<v>[vV]?[0-9][0-9A-Za-z_.+-]*)")),
                c ->
                    c.publishPath()
                        .map(
                            p ->
                                Pattern.compile(
                                    Pattern.quote(p)
                                        + "(?![\\w/-])[^\\n]*?--version[= ]+[\"']?(?<v>[vV]?[0-9][0-9A-Za-z_.+-]*)")),
                h -> Optional.<Pattern>empty(),
                f -> Optional.<Pattern>empty(),
                asset -> Optional.<Pattern>empty())
            .ifPresent(patterns::add);
      }
      for (Repo repo : graph.repos().values()) {
        if (!present(repo)) {
          continue;
        }
        try (Git git = Git.open(repo.root().toFile());
            RevWalk walk = new RevWalk(git.getRepository());
            TreeWalk tw = new TreeWalk(git.getRepository())) {
          tw.addTree(walk.parseCommit(git.getRepository().resolve("HEAD")).getTree());
          tw.setRecursive(true);
          while (tw.next()) {
            String path = tw.getPathString();
            if (tw.getFileMode(0) != FileMode.REGULAR_FILE
                    && tw.getFileMode(0) != FileMode.EXECUTABLE_FILE
                || excluded(repo, path)) {
              continue;
            }
            Path file = repo.root().resolve(path);
            if (!Files.isRegularFile(file)) {
              continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (RepoFiles.isBinary(bytes)) {
              continue;
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            for (Pattern p : patterns) {
              Matcher m = p.matcher(text);
              while (m.find()) {
                if (!isCovered(repo.id() + ":" + path, m.start("v"), m.end("v"))) {
                  out.add("undeclared " + repo.id() + ":" + path + ": '" + m.group() + "'");
                }
              }
            }
          }
        }
      }
    }

    private boolean isCovered(String where, int start, int end) {
      for (Place s : covered.getOrDefault(where, List.of())) {
        if (s.start() < end && start < s.end()) {
          return true;
        }
      }
      return false;
    }

    private static boolean excluded(Repo repo, String path) {
      for (String glob : repo.scanExclude()) {
        if (FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(path))) {
          return true;
        }
      }
      return false;
    }

    /** The highest release tag reachable from HEAD (only regular releases when asked). */
    static Optional<Version> latestTag(Path root, boolean regularOnly) throws Exception {
      VersionFormat tagFormat = VersionFormat.of("v{version}");
      Optional<Version> best = Optional.empty();
      try (Git git = Git.open(root.toFile());
          RevWalk walk = new RevWalk(git.getRepository())) {
        ObjectId headId = git.getRepository().resolve("HEAD");
        RevCommit head = walk.parseCommit(headId);
        for (Ref t : git.tagList().call()) {
          RevCommit c = walk.parseCommit(t.getObjectId());
          if (!walk.isMergedInto(c, head)) {
            continue;
          }
          Optional<Version> v =
              tagFormat
                  .parse(Repository.shortenRefName(t.getName()))
                  .map(VersionFormat.Written::version);
          if (v.isPresent()
              && (!regularOnly || v.get().isRegular())
              && (best.isEmpty() || v.get().compareTo(best.get()) > 0)) {
            best = v;
          }
        }
      }
      return best;
    }
  }
}

package dev.lockstep.cli;

import static dev.lockstep.cli.Cli.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Survey;
import dev.lockstep.testing.Golden;
import dev.lockstep.testing.InitWorkspaces;
import dev.lockstep.testing.KubestellarWorkspace;
import dev.lockstep.testing.KubestellarWorkspace.Fault;
import dev.lockstep.testing.KubestellarWorkspace.Planted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lockstep init} on real workspaces: the draft loads and verifies (exit 0 or 1, never 2),
 * covers at least 80% of the places the hand-written graph declares, and every other place it
 * drafts is a version of a known artifact. Golden files pin the drafts.
 */
class InitCommandTest {

  /** file:line of every place a graph's survey reads, with the reading. */
  static Map<String, Reading> places(Path graph) {
    ReleaseGraph g = GraphLoader.load(graph);
    Map<String, Reading> out = new TreeMap<>();
    for (Reading r : Survey.of(g).readings()) {
      out.put(r.place().file().absolute().normalize() + ":" + r.place().line(), r);
    }
    return out;
  }

  /** Drafts, verifies and measures; returns the coverage in percent. */
  static double check(String name, Path hand, List<Path> repos, Path draft) throws Exception {
    List<String> args = new ArrayList<>(List.of("init", "-o", draft.toString()));
    repos.forEach(r -> args.add(r.toString()));
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertExit(0, r);
    Cli.Result v = Cli.verify(draft);
    assertTrue(v.code() == 0 || v.code() == 1, () -> "verify on the draft:\n" + v);
    Map<String, Reading> want = places(hand);
    Map<String, Reading> got = places(draft);
    Set<String> covered = new TreeSet<>(want.keySet());
    covered.retainAll(got.keySet());
    double coverage = 100.0 * covered.size() / want.size();
    System.out.printf(
        "init coverage %s: %d of %d places (%.0f%%), %d more drafted%n",
        name, covered.size(), want.size(), coverage, got.size() - covered.size());
    assertTrue(
        coverage >= 80,
        () ->
            name
                + ": covers "
                + covered.size()
                + " of "
                + want.size()
                + " places:\n"
                + got.keySet());
    for (Map.Entry<String, Reading> e : got.entrySet()) {
      if (!want.containsKey(e.getKey())) {
        Reading x = e.getValue();
        assertTrue(
            x.version().isPresent()
                || x.place().value().equals(x.place().raw())
                    && x.policy().name().equals("PLACEHOLDER"),
            () -> e.getKey() + " is drafted but names no version of " + x.target());
      }
    }
    String text = Files.readString(draft);
    Golden.assertMatches("InitCommandTest", name, text);
    return coverage;
  }

  @Test
  void kubestellar(@TempDir Path tmp) throws Exception {
    Path hand = KubestellarWorkspace.create(tmp);
    Path ws = KubestellarWorkspace.ws(hand);
    List<Path> repos = KubestellarWorkspace.REPOS.stream().map(ws::resolve).toList();
    check("kubestellar", hand, repos, tmp.resolve("draft.yaml"));
  }

  @Test
  void demo(@TempDir Path tmp) throws Exception {
    InitWorkspaces.Workspace w = InitWorkspaces.demo(tmp);
    check("demo", w.graph(), w.repos(), tmp.resolve("graph/draft.yaml"));
  }

  @Test
  void pinFileWithPythonDefaults(@TempDir Path tmp) throws Exception {
    InitWorkspaces.Workspace w = InitWorkspaces.pins(tmp);
    check("pins", w.graph(), w.repos(), tmp.resolve("graph/draft.yaml"));
  }

  @Test
  void promiseWithDigestPinnedImages(@TempDir Path tmp) throws Exception {
    InitWorkspaces.Workspace w = InitWorkspaces.promise(tmp);
    check("promise", w.graph(), w.repos(), tmp.resolve("graph/draft.yaml"));
  }

  @Test
  void updateProposesExactlyAPlantedLiteral(@TempDir Path tmp) throws Exception {
    Path hand = KubestellarWorkspace.create(tmp);
    Path ws = KubestellarWorkspace.ws(hand);
    List<String> args = new ArrayList<>(List.of("init", "-o", tmp.resolve("g.yaml").toString()));
    KubestellarWorkspace.REPOS.forEach(r -> args.add(ws.resolve(r).toString()));
    assertExit(0, Cli.run(args.toArray(String[]::new)));
    Path graph = tmp.resolve("g.yaml");
    String before = Files.readString(graph);
    Cli.Result none = Cli.run("init", "--update", "-o", graph.toString());
    assertExit(0, none);
    assertEquals("", none.out(), none::toString);

    Planted p = KubestellarWorkspace.plant(ws, Fault.UNDECLARED_IMAGE);
    Cli.Result dry = Cli.run("init", "--update", "--dry-run", "-o", graph.toString());
    assertExit(0, dry);
    assertEquals(before, Files.readString(graph), "--dry-run writes nothing");
    List<String> added =
        dry.out().lines().filter(l -> l.startsWith("+") && l.contains("file: ")).toList();
    assertEquals(1, added.size(), dry::toString);
    assertTrue(added.get(0).contains(p.file()), dry::toString);

    Cli.Result wrote = Cli.run("init", "--update", "-o", graph.toString());
    assertExit(0, wrote);
    String after = Files.readString(graph);
    assertTrue(after.startsWith(before), "what was written stays as it was");
    assertTrue(after.contains(p.file()));
    GraphLoader.load(graph);
    Cli.Result again = Cli.run("init", "--update", "-o", graph.toString());
    assertEquals("", again.out(), again::toString);
  }

  @Test
  void refusesToOverwriteWithoutForce(@TempDir Path tmp) throws Exception {
    InitWorkspaces.Workspace w = InitWorkspaces.pins(tmp);
    Path out = tmp.resolve("graph/lockstep.yaml");
    String hand = Files.readString(out);
    Cli.Result r = Cli.run("init", "-o", out.toString(), w.repos().get(0).toString());
    assertExit(2, r);
    assertTrue(r.err().contains("--force"), r::toString);
    assertEquals(hand, Files.readString(out));
    Cli.Result dry =
        Cli.run(
            "init", "--dry-run", "--explain", "-o", out.toString(), w.repos().get(0).toString());
    assertExit(0, dry);
    assertTrue(dry.out().contains("lockstep: 1"), dry::toString);
    assertTrue(dry.out().contains("cert_manager"), dry::toString);
    assertExit(0, Cli.run("init", "--force", "-o", out.toString(), w.repos().get(0).toString()));
    assertTrue(Files.readString(out).contains("Drafted by lockstep init"));
  }

  @Test
  void notACheckoutIsBadInput(@TempDir Path tmp) {
    Cli.Result r = Cli.run("init", "--dry-run", tmp.toString());
    assertExit(2, r);
    assertTrue(r.err().contains("not a git checkout"), r::toString);
  }
}

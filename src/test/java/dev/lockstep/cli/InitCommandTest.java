package dev.lockstep.cli;

import static dev.lockstep.cli.Cli.assertExit;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Survey;
import dev.lockstep.testing.KubestellarWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {

  static Set<String> places(Path graph) {
    ReleaseGraph g = GraphLoader.load(graph);
    Set<String> out = new TreeSet<>();
    for (Reading r : Survey.of(g).readings()) {
      out.add(r.place().file().absolute().normalize() + ":" + r.place().line());
    }
    return out;
  }

  @Test
  void kubestellar(@TempDir Path tmp) throws Exception {
    Path hand = KubestellarWorkspace.create(tmp);
    Path ws = KubestellarWorkspace.ws(hand);
    Path draft = tmp.resolve("draft.yaml");
    List<String> args = new ArrayList<>(List.of("init", "-o", draft.toString(), "--explain"));
    for (String r : KubestellarWorkspace.REPOS) {
      args.add(ws.resolve(r).toString());
    }
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    System.out.println(r);
    assertExit(0, r);
    System.out.println(Files.readString(draft));
    Cli.Result v = Cli.verify(draft);
    System.out.println(v);
    Set<String> want = places(hand);
    Set<String> got = places(draft);
    Set<String> missing = new TreeSet<>(want);
    missing.removeAll(got);
    Set<String> extra = new TreeSet<>(got);
    extra.removeAll(want);
    System.out.println(
        "MISSING " + missing.size() + "/" + want.size() + "\n" + String.join("\n", missing));
    System.out.println("EXTRA\n" + String.join("\n", extra));
    assertTrue(v.code() == 0 || v.code() == 1, v.toString());
  }
}

package dev.lockstep.verify;

import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.scan.UndeclaredScan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the undeclared scan passes over because an artifact is disabled, in words, for {@code verify
 * --verbose}: a disabled image or chart is not looked for, and the places a disabled artifact
 * declares count as declared.
 */
public final class ScanSkips {
  private ScanSkips() {}

  public static List<String> of(ReleaseGraph graph) {
    Set<ArtifactId> notLookedFor = new LinkedHashSet<>();
    UndeclaredScan.of(graph, notLookedFor::add);
    List<String> out = new ArrayList<>();
    for (ArtifactId id : notLookedFor) {
      Artifact a = graph.artifact(id).orElseThrow();
      List<String> what = new ArrayList<>();
      boolean named =
          a.match(i -> true, c -> c.publishPath().isPresent(), h -> false, f -> false, s -> false);
      if (named) {
        what.add("its name is not looked for");
      }
      long places = a.uses().stream().mapToLong(r -> r.at().size()).sum();
      if (places > 0) {
        what.add(
            "the "
                + (places == 1 ? "place" : places + " places")
                + " it declares "
                + (places == 1 ? "counts" : "count")
                + " as declared");
      }
      out.add(
          "undeclared scan skipped disabled "
              + a.kind().label()
              + " "
              + id
              + " ("
              + a.disabled().orElse("enabled: false")
              + ")"
              + (what.isEmpty() ? "" : ": " + String.join("; ", what)));
    }
    return out;
  }
}

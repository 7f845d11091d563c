package dev.lockstep.release;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.verify.Reading;
import dev.lockstep.verify.Survey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The version written at each declared place of the released repo, as the release commit has it:
 * the same survey verify runs, pointed at the checkout of the release commit instead of the work
 * tree. This is what the manifest's {@code references} export.
 */
final class ReleaseReferences {
  private ReleaseReferences() {}

  static List<ReleaseManifest.Reference> read(
      ReleaseGraph graph, ArtifactId repoId, Path checkout) {
    Map<ArtifactId, Repo> repos = new LinkedHashMap<>(graph.repos());
    Repo r = repos.get(repoId);
    repos.put(
        repoId,
        new Repo(
            r.id(), checkout, r.url(), r.tagFormat(), r.branch(), r.scanExclude(), r.source()));
    Survey survey = Survey.of(ReleaseGraph.of(graph.file(), repos, graph.artifacts()));
    List<ReleaseManifest.Reference> out = new ArrayList<>();
    for (Reading reading : survey.readings()) {
      if (reading.fromRepo().equals(repoId)) {
        out.add(
            new ReleaseManifest.Reference(
                reading.from().value(),
                reading.target().value(),
                reading.place().file().path(),
                reading.place().line(),
                reading.place().value()));
      }
    }
    return out;
  }
}

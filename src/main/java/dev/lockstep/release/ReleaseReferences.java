package dev.lockstep.release;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Survey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The version written at each declared place of the released repo, as the release commit has it:
 * the same survey verify runs, pointed at the checkout of the release commit instead of the work
 * tree. This is what the manifest's {@code references} export.
 */
final class ReleaseReferences {
  private ReleaseReferences() {}

  static List<ReleaseManifest.Reference> read(
      ReleaseGraph graph, ArtifactId repoId, Path checkout) {
    Survey survey = Survey.of(graph.withRepoAt(repoId, checkout));
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

package dev.lockstep.verify;

import dev.lockstep.gitrepo.GitRepo;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.Policy;
import dev.lockstep.model.VersionFormat;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A release commit carries versions where git keeps placeholders. When HEAD of a repo is the very
 * commit one of its release tags names (a checkout of the tag, as {@code git checkout v0.30.0}), a
 * placeholder place of that repo whose target that repo releases, holding the tag's version in the
 * place's format, is what the release commit is meant to carry: verify does not flag it. Any other
 * value there is still a {@link Rule#PLACEHOLDER} finding, and so is every placeholder place on a
 * commit no release tag names (main, an after-release branch).
 */
final class ReleaseCommit {
  private ReleaseCommit() {}

  static List<Finding> withoutCarriedVersions(VerifyContext context, List<Finding> findings) {
    if (findings.stream().noneMatch(f -> f.rule() == Rule.PLACEHOLDER)) {
      return findings;
    }
    Map<ArtifactId, VerifyContext.GitFacts> git = context.git();
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      if (f.rule() != Rule.PLACEHOLDER || !carried(context, git, f)) {
        out.add(f);
      }
    }
    return out;
  }

  private static boolean carried(
      VerifyContext context, Map<ArtifactId, VerifyContext.GitFacts> git, Finding f) {
    Location at = f.primary();
    for (Reading r : context.readings()) {
      if (r.policy() != Policy.PLACEHOLDER
          || r.place().line() != at.line()
          || r.place().column() != at.column()
          || !r.place().file().absolute().equals(at.file())) {
        continue;
      }
      VerifyContext.GitFacts facts = git.get(r.fromRepo());
      Optional<GitRepo.Release> release = facts == null ? Optional.empty() : facts.releaseAtHead();
      boolean ownTarget =
          context.graph().releaseRepoOf(r.target()).map(r.fromRepo()::equals).orElse(false);
      if (release.isEmpty() || !ownTarget) {
        return false;
      }
      VersionFormat format = r.format();
      return format
          .parse(r.place().value())
          .map(w -> w.version().compareTo(release.get().version()) == 0)
          .orElse(false);
    }
    return false;
  }
}

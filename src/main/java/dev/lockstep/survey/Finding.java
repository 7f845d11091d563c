package dev.lockstep.survey;

import dev.lockstep.model.ArtifactId;
import java.util.List;
import java.util.Optional;

/**
 * One result of verify: a rule, a one-line message, what to do, and every location involved (the
 * first is the primary one).
 */
public record Finding(
    Rule rule,
    Severity severity,
    String message,
    String fix,
    List<Location> locations,
    Optional<ArtifactId> target) {

  /** The order every report lists findings in: errors first, then by file, line and column. */
  public static final java.util.Comparator<Finding> ORDER =
      (a, b) -> {
        // one lambda, not Comparator.comparing's chain: see GitRepo.releases
        int c = a.severity().compareTo(b.severity());
        c = c != 0 ? c : a.primary().file().toString().compareTo(b.primary().file().toString());
        c = c != 0 ? c : Integer.compare(a.primary().line(), b.primary().line());
        return c != 0 ? c : Integer.compare(a.primary().column(), b.primary().column());
      };

  public Finding {
    locations = List.copyOf(locations);
  }

  public static Finding of(Rule rule, String message, String fix, List<Location> locations) {
    return new Finding(rule, rule.severity(), message, fix, locations, Optional.empty());
  }

  /**
   * The same finding, said to be about places that name {@code target}: commands that act on one
   * artifact ({@code bump}) pick their blockers by this, not by message text.
   */
  public Finding about(ArtifactId target) {
    return new Finding(rule, severity, message, fix, locations, Optional.of(target));
  }

  public static Finding of(Rule rule, String message, String fix, Location location) {
    return of(rule, message, fix, List.of(location));
  }

  public Location primary() {
    return locations.get(0);
  }
}

package dev.lockstep.survey;

import dev.lockstep.locate.Place;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.Policy;
import dev.lockstep.model.Stamp;
import dev.lockstep.model.Version;
import dev.lockstep.model.VersionFormat;
import java.util.Optional;

/**
 * A version as it stands at one place: who writes it ({@code from}, in {@code fromRepo}), what it
 * names ({@code target}), how it should be written, and what it parsed to.
 *
 * @param referenceIndex the {@link dev.lockstep.model.Reference#index()}, or -1 for a chart's own
 *     {@code Chart.yaml} version
 * @param version empty when the value is a placeholder, floating, or not a version
 */
public record Reading(
    int referenceIndex,
    ArtifactId from,
    ArtifactId fromRepo,
    ArtifactId target,
    Policy policy,
    Stamp stamp,
    Place place,
    VersionFormat format,
    Optional<Version> version,
    Optional<String> digest) {

  public boolean isChartSelf() {
    return referenceIndex < 0;
  }

  /** {@code pin: true}: the target's version of record for {@link #fromRepo}. */
  public boolean isPin() {
    return place.locator().pin();
  }

  /** {@code override: NAME}: an environment's own version, free to differ from the pin. */
  public Optional<String> override() {
    return place.locator().override();
  }
}

package dev.lockstep.config;

import dev.lockstep.model.Problem;
import dev.lockstep.model.Source;
import dev.lockstep.model.VersionFormat;
import dev.lockstep.model.VersionScheme;
import java.util.List;
import java.util.Optional;

/** Parses format templates from the graph, recording a problem for a bad one. */
final class Formats {
  private Formats() {}

  static Optional<VersionFormat> optional(String template, Source at, List<Problem> problems) {
    return optional(template, VersionScheme.SEMVER, at, problems);
  }

  static Optional<VersionFormat> optional(
      String template, VersionScheme scheme, Source at, List<Problem> problems) {
    if (template == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(VersionFormat.of(template, scheme));
    } catch (IllegalArgumentException e) {
      problems.add(
          Problem.at(
              at, e.getMessage(), "write e.g. \"v{version}\" or \"{major}-{minor}-{patch}\""));
      return Optional.empty();
    }
  }

  static VersionFormat orDefault(
      String template,
      VersionFormat fallback,
      VersionScheme scheme,
      Source at,
      List<Problem> problems) {
    return optional(template, scheme, at, problems).orElse(fallback.withScheme(scheme));
  }
}

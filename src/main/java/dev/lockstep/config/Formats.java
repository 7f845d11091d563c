package dev.lockstep.config;

import dev.lockstep.model.Problem;
import dev.lockstep.model.Source;
import dev.lockstep.model.VersionFormat;
import dev.lockstep.model.VersionScheme;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses format templates from the graph, recording a problem for a bad one. A graph repeats the
 * same few templates in thousands of places; each is parsed (two patterns compiled) once per
 * scheme.
 */
final class Formats {
  private final Map<VersionScheme, Map<String, VersionFormat>> parsed = new HashMap<>();

  Optional<VersionFormat> optional(String template, Source at, List<Problem> problems) {
    return optional(template, VersionScheme.SEMVER, at, problems);
  }

  Optional<VersionFormat> optional(
      String template, VersionScheme scheme, Source at, List<Problem> problems) {
    if (template == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(template, scheme));
    } catch (IllegalArgumentException e) {
      problems.add(
          Problem.at(
              at, e.getMessage(), "write e.g. \"v{version}\" or \"{major}-{minor}-{patch}\""));
      return Optional.empty();
    }
  }

  VersionFormat orDefault(
      String template,
      VersionFormat fallback,
      VersionScheme scheme,
      Source at,
      List<Problem> problems) {
    return optional(template, scheme, at, problems)
        .orElseGet(
            () -> fallback.scheme().equals(scheme) ? fallback : parse(fallback.template(), scheme));
  }

  /** {@link VersionFormat#of}, once per template and scheme. */
  private VersionFormat parse(String template, VersionScheme scheme) {
    Map<String, VersionFormat> byTemplate = parsed.computeIfAbsent(scheme, s -> new HashMap<>());
    VersionFormat known = byTemplate.get(template);
    if (known == null) {
      known = VersionFormat.of(template, scheme);
      byTemplate.put(template, known);
    }
    return known;
  }
}

package dev.lockstep.model;

import java.util.Optional;

/**
 * An exact place in a file where a version is written: the file (relative to its repo's root), the
 * query, how many matches are expected, and an optional format for just this place.
 *
 * @param chartField {@code version} or {@code appVersion} when the graph said {@code chart: ...}
 */
public record Locator(
    String file,
    Query query,
    Count count,
    Optional<VersionFormat> format,
    Optional<String> chartField,
    Source source) {

  public String describe() {
    return file + " " + chartField.map(f -> "chart: " + f).orElse(query.describe());
  }
}

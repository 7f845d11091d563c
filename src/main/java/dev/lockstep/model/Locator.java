package dev.lockstep.model;

import java.util.Optional;

/**
 * An exact place in a file where a version is written: the file (relative to its repo's root), the
 * query, how many matches are expected, and an optional format for just this place.
 *
 * @param chartField {@code version} or {@code appVersion} when the graph said {@code chart: ...}
 * @param pin {@code pin: true}: this place is the target's version of record for the repo that
 *     declares it; the repo's other places agree with it instead of the graph's {@code
 *     external.version}
 * @param override {@code override: NAME}: an environment's own version (a per-stack file); checked
 *     for format and floating values, but free to differ from the pin
 */
public record Locator(
    String file,
    Query query,
    Count count,
    Optional<VersionFormat> format,
    Optional<String> chartField,
    Source source,
    boolean pin,
    Optional<String> override) {

  /** A plain place: no pin, no override. */
  public Locator(
      String file,
      Query query,
      Count count,
      Optional<VersionFormat> format,
      Optional<String> chartField,
      Source source) {
    this(file, query, count, format, chartField, source, false, Optional.empty());
  }

  /**
   * Hashes the file and where the graph wrote the place: the generated hash would walk the query's
   * steps. Equal locators have equal fields, so the hash agrees with {@link #equals}.
   */
  @Override
  public int hashCode() {
    return file.hashCode() * 31 + source.line() * 7 + source.column();
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || o instanceof Locator l
            && pin == l.pin
            && file.equals(l.file)
            && source.equals(l.source)
            && count.equals(l.count)
            && query.equals(l.query)
            && format.equals(l.format)
            && chartField.equals(l.chartField)
            && override.equals(l.override);
  }

  public String describe() {
    return file + " " + chartField.map(f -> "chart: " + f).orElse(query.describe());
  }
}

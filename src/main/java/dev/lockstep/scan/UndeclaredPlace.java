package dev.lockstep.scan;

import dev.lockstep.model.ArtifactId;
import java.nio.file.Path;

/**
 * A version of a known artifact written in a tracked file: an image's {@code name:tag}, or a
 * chart's OCI path with {@code --version X}. Line and columns count characters, 1-based; the range
 * covers the version text.
 */
public record UndeclaredPlace(
    Kind kind,
    ArtifactId artifact,
    String path,
    Path absolute,
    int line,
    int column,
    int endColumn,
    String text,
    String version) {

  public enum Kind {
    IMAGE,
    CHART
  }
}

package dev.lockstep.model;

import java.nio.file.Path;

/**
 * Where something was declared: a file, a 1-based line and column, and the YAML path inside the
 * graph file (empty for positions in other files).
 */
public record Source(Path file, int line, int column, String yamlPath) {

  public static Source at(Path file, int line, int column, String yamlPath) {
    return new Source(file, line, column, yamlPath == null ? "" : yamlPath);
  }

  /** {@code file:line:col}, the form editors and GitHub understand. */
  public String position() {
    return file + ":" + line + ":" + column;
  }

  @Override
  public String toString() {
    return position();
  }
}

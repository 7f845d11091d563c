package dev.lockstep.model;

import java.nio.file.Path;

/**
 * Where names (repo and artifact ids, chart names, tags) become file and folder names: each name is
 * one path element, and the result, resolved, stays inside its base folder. The graph loader
 * already checks ids as names; this check at each site is the second line, so a name that reaches a
 * path some other way (a chart's own Chart.yaml, a plan built in code) still cannot climb out.
 */
public final class PathNames {
  private PathNames() {}

  /**
   * {@code base/name}, where {@code name} must be one path element ({@code release-x-1.0.0.json},
   * {@code addon}), not empty, {@code .}, {@code ..}, nor holding {@code /}, {@code \} or NUL.
   *
   * @throws BadInputException naming the base and the name when it would leave {@code base}
   */
  public static Path child(Path base, String name) {
    Path root = base.toAbsolutePath().normalize();
    if (name == null
        || name.isEmpty()
        || name.equals(".")
        || name.equals("..")
        || name.indexOf('/') >= 0
        || name.indexOf('\\') >= 0
        || name.indexOf('\0') >= 0) {
      throw refused(root, name);
    }
    Path p = root.resolve(name).normalize();
    if (!p.startsWith(root) || p.equals(root) || !p.getParent().equals(root)) {
      throw refused(root, name);
    }
    return p;
  }

  private static BadInputException refused(Path base, String name) {
    return BadInputException.plain(
        "'"
            + (name == null ? "" : name.replaceAll("\\p{Cntrl}", "?"))
            + "' cannot be a file name in "
            + base
            + ": a name is one path element inside its folder; check the ids in the graph");
  }
}

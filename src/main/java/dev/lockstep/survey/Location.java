package dev.lockstep.survey;

import dev.lockstep.locate.Place;
import dev.lockstep.model.Source;
import java.nio.file.Path;

/**
 * A place a finding points at: an absolute file and a 1-based range, plus a short note (such as the
 * version written there).
 */
public record Location(Path file, int line, int column, int endLine, int endColumn, String note) {

  public static Location of(Place place, String note) {
    return new Location(
        place.file().absolute(),
        place.line(),
        place.column(),
        place.endLine(),
        place.endColumn(),
        note);
  }

  public static Location of(Source source, String note) {
    return new Location(
        source.file(), source.line(), source.column(), source.line(), source.column(), note);
  }

  /** {@code path:line:col} with the path relative to {@code base} when it lies below it. */
  public String position(Path base) {
    return display(file, base) + ":" + line + ":" + column;
  }

  public static String display(Path file, Path base) {
    Path abs = file.toAbsolutePath().normalize();
    if (base != null && abs.startsWith(base)) {
      return base.relativize(abs).toString();
    }
    return abs.toString();
  }
}

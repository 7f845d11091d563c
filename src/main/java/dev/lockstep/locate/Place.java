package dev.lockstep.locate;

import dev.lockstep.model.Locator;

/**
 * One place where a version is written: the exact character span {@code [start, end)} of the value
 * in its file. The release engine splices new text into exactly this span.
 *
 * @param value the value as the format reads it (YAML and JSON escapes resolved)
 * @param raw the characters of the span as they stand in the file; a rewrite is only safe when
 *     {@code raw.equals(value)}
 */
public record Place(
    Locator locator, TextFile file, int start, int end, String value, String raw, Style style) {

  /** How the value is written, which decides how a new value may be spliced in. */
  public enum Style {
    PLAIN,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    BLOCK,
    JSON_STRING,
    JSON_NUMBER,
    REGEX_GROUP
  }

  public int line() {
    return file.line(start);
  }

  public int column() {
    return file.column(start);
  }

  public int endLine() {
    return file.line(end);
  }

  public int endColumn() {
    return file.column(end);
  }

  /** {@code path:line:col}, relative to the repo. */
  public String position() {
    return file.path() + ":" + line() + ":" + column();
  }

  /** True when new text can replace the span without touching quoting or escapes. */
  public boolean isSpliceable() {
    return style != Style.BLOCK && raw.equals(value);
  }
}

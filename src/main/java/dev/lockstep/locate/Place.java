package dev.lockstep.locate;

import dev.lockstep.model.Locator;

/**
 * One place where a version is written: the exact character span {@code [start, end)} of the value
 * in its file. The release engine splices new text into exactly this span.
 *
 * @param value the value as the format reads it (YAML and JSON escapes resolved)
 * @param raw the characters of the span as they stand in the file; a rewrite is only safe when
 *     {@code raw.equals(value)}
 * @param style how the value is quoted there, which its format reads when it writes a new value
 * @param format the format that found the place, and the one that writes it
 */
public record Place(
    Locator locator,
    TextFile file,
    int start,
    int end,
    String value,
    String raw,
    Style style,
    LocatorFormat<?> format) {

  /**
   * How the value is written, which decides how a new value may be spliced in. Each format reads
   * only its own styles.
   */
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

  /**
   * The characters to splice into this span so that it reads {@code value}, written by the format
   * that found the place.
   *
   * @throws EncodeException when the value cannot be written here as the place is quoted
   */
  public String encode(String value) throws EncodeException {
    return format.encode(this, value);
  }

  /** True when new text can replace the span without touching quoting or escapes. */
  public boolean isSpliceable() {
    return style != Style.BLOCK && raw.equals(value);
  }
}

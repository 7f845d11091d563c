package dev.lockstep.locate;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A UTF-8 text file of a repo, with the offsets where its lines start so that a character offset
 * maps to a 1-based line and column (in characters, as editors count them).
 *
 * @param path the path relative to the repo root, with {@code /} separators
 */
public record TextFile(String path, Path absolute, String text, int[] lineStarts) {

  public static TextFile of(String path, Path absolute, String text) {
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
      }
      starts[n++] = i + 1;
    }
    return new TextFile(path, absolute, text, Arrays.copyOf(starts, n));
  }

  /** The 1-based line of a character offset. */
  public int line(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return (i >= 0 ? i : -i - 2) + 1;
  }

  /** The 1-based column of a character offset. */
  public int column(int offset) {
    return offset - lineStarts[line(offset) - 1] + 1;
  }

  /** The text of the 1-based line, without its line break. */
  public String lineText(int line) {
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(start, Math.max(start, end));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextFile t && t.absolute.equals(absolute);
  }

  @Override
  public int hashCode() {
    return absolute.hashCode();
  }

  @Override
  public String toString() {
    return path;
  }
}

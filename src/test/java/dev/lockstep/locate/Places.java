package dev.lockstep.locate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.Locator;
import dev.lockstep.model.ReleaseGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locators as a graph declares them (parsed by the real loader, so path syntax, regex flags and
 * counts are the ones users get), and checks on the places they find.
 */
final class Places {
  private Places() {}

  /**
   * The locator of {@code place}, a flow mapping such as {@code { file: values.yaml, yaml:
   * .image.tag }}.
   */
  static Locator locator(String place) {
    String graph =
        """
        lockstep: 1
        repos:
          app: { path: repo }
        artifacts:
          target:
            kind: file
            repo: app
          user:
            kind: file
            repo: app
            uses:
              - to: target
                at:
                  - %s
        """
            .formatted(place);
    ReleaseGraph g = GraphLoader.parse(Path.of("/nonexistent/lockstep.yaml"), graph);
    return g.artifact(ArtifactId.of("user")).orElseThrow().uses().get(0).at().get(0);
  }

  /** Writes {@code content} to {@code repo/file} and runs {@code place} against it. */
  static Locate.Found locate(Path repo, String file, String content, String place)
      throws IOException, LocateException {
    Path p = repo.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return new Locate().locate(new RepoFiles(repo), locator(place));
  }

  static Place only(Locate.Found located) {
    assertEquals(
        1,
        located.places().size(),
        () -> "places: " + located.places() + ", notes: " + located.notes());
    return located.places().get(0);
  }

  /**
   * The place covers exactly {@code value} starting at character {@code start} of {@code text}: the
   * span, the raw text, the value, and the 1-based line and column (in chars) all agree.
   */
  static void assertSpan(Place s, String text, int start, String value) {
    assertEquals(text, s.file().text(), "the file is read as written");
    assertEquals(visible(value), visible(text.substring(s.start(), s.end())), "span text");
    assertEquals(start, s.start(), "start offset");
    assertEquals(start + value.length(), s.end(), "end offset");
    assertEquals(visible(value), visible(s.raw()), "raw");
    assertEquals(visible(value), visible(s.value()), "value");
    assertEquals(lineAt(text, start), s.line(), "line");
    assertEquals(columnAt(text, start), s.column(), "column");
  }

  /** Line breaks made visible, so that a stray carriage return shows in a failure. */
  static String visible(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }

  /** Where {@code value} starts in the first occurrence of {@code context} (which contains it). */
  static int startOf(String text, String context, String value) {
    int c = text.indexOf(context);
    if (c < 0 || !context.contains(value)) {
      throw new AssertionError("bad test: '" + context + "' / '" + value + "'");
    }
    return c + context.indexOf(value);
  }

  static int lineAt(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  static int columnAt(String text, int offset) {
    return offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
  }
}

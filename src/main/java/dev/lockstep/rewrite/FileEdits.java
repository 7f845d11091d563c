package dev.lockstep.rewrite;

import dev.lockstep.locate.EncodeException;
import dev.lockstep.locate.Locate;
import dev.lockstep.locate.LocateException;
import dev.lockstep.locate.Place;
import dev.lockstep.locate.TextFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies the edits of one file: each splices new characters, written by the place's own format,
 * into exactly its place's span, so everything else (comments, quoting, indentation, line endings)
 * stays byte for byte. The new text is then located again; every edited place must read back its
 * new value.
 */
public final class FileEdits {
  private FileEdits() {}

  public static String apply(TextFile file, List<Edit> edits) throws RewriteException {
    List<Edit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt((Edit e) -> e.place().start()).reversed());
    StringBuilder text = new StringBuilder(file.text());
    int limit = Integer.MAX_VALUE;
    Place previous = null;
    for (Edit e : sorted) {
      Place s = e.place();
      if (!s.file().equals(file)) {
        throw new IllegalArgumentException("edit for " + s.file() + " applied to " + file);
      }
      if (previous != null && previous.start() == s.start() && previous.end() == s.end()) {
        continue; // two references locate the same place; their values were checked equal below
      }
      if (s.end() > limit) {
        throw new RewriteException(s.position() + ": overlaps another edited place");
      }
      try {
        text.replace(s.start(), s.end(), s.encode(e.value()));
      } catch (EncodeException ex) {
        throw new RewriteException(ex.getMessage());
      }
      limit = s.start();
      previous = s;
    }
    checkSamePlaceSameValue(edits);
    String result = text.toString();
    readBack(file, result, edits);
    return result;
  }

  private static void checkSamePlaceSameValue(List<Edit> edits) throws RewriteException {
    for (Edit a : edits) {
      for (Edit b : edits) {
        if (a.place().start() == b.place().start()
            && a.place().end() == b.place().end()
            && !a.value().equals(b.value())) {
          throw new RewriteException(
              a.place().position()
                  + ": two references want '"
                  + a.value()
                  + "' and '"
                  + b.value()
                  + "' here");
        }
      }
    }
  }

  /** Locates every edited place again in the new text and checks it reads the new value. */
  private static void readBack(TextFile file, String result, List<Edit> edits)
      throws RewriteException {
    TextFile after = TextFile.of(file.path(), file.absolute(), result);
    Locate locate = new Locate();
    for (Edit e : edits) {
      List<Place> found;
      try {
        found = locate.locateIn(after, e.place().locator()).places();
      } catch (LocateException ex) {
        throw new RewriteException(
            file.path() + ": the rewritten file no longer parses: " + ex.getMessage());
      }
      boolean ok = found.stream().anyMatch(s -> s.value().equals(e.value()));
      if (!ok) {
        throw new RewriteException(
            e.place().position()
                + ": after the edit, "
                + e.place().locator().describe()
                + " does not read '"
                + e.value()
                + "'; the pattern or path may not match the new value");
      }
    }
  }
}

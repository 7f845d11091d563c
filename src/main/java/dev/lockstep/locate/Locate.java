package dev.lockstep.locate;

import dev.lockstep.model.Locator;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the places a locator names, each with the format its query names. A file is parsed once
 * however many locators point into it (the formats keep what they parsed for as long as the text
 * lives).
 */
public final class Locate {

  /**
   * The places {@code locator} matches in {@code files}' repo.
   *
   * @throws LocateException when the file cannot be read or parsed at all
   */
  public Found locate(RepoFiles files, Locator locator) throws LocateException {
    return locateIn(files.read(locator.file()), locator);
  }

  /** The places {@code locator} matches in a text already read (or about to be written). */
  public Found locateIn(TextFile file, Locator locator) throws LocateException {
    List<String> notes = new ArrayList<>();
    List<Place> places = LocatorFormats.find(file, locator, notes);
    return new Found(locator, file, places, notes);
  }

  /**
   * What each of {@code locators}, all naming the file {@code path}, finds there, in their order:
   * the file is read and parsed once, and the parse is dropped when this returns (a survey holds no
   * node trees). Each attempt fails as {@link #locate} would have for that locator.
   */
  public List<Attempt> locateEach(RepoFiles files, String path, List<Locator> locators) {
    TextFile file;
    try {
      file = files.read(path);
    } catch (LocateException e) {
      return locators.stream().map(l -> Attempt.failed(e)).toList();
    }
    YamlFormat.Once yaml = new YamlFormat.Once();
    JsonFormat.Once json = new JsonFormat.Once(locators);
    List<Attempt> out = new ArrayList<>(locators.size());
    for (Locator l : locators) {
      List<String> notes = new ArrayList<>();
      try {
        out.add(
            Attempt.found(
                new Found(l, file, LocatorFormats.find(file, l, notes, yaml, json), notes)));
      } catch (LocateException e) {
        out.add(Attempt.failed(e));
      }
    }
    return out;
  }

  /** One locator's places, or why they could not be read. */
  public static final class Attempt {
    private final Found found;
    private final LocateException failure;

    private Attempt(Found found, LocateException failure) {
      this.found = found;
      this.failure = failure;
    }

    static Attempt found(Found found) {
      return new Attempt(found, null);
    }

    static Attempt failed(LocateException failure) {
      return new Attempt(null, failure);
    }

    /** The places found, as {@link #locate} returns them. */
    public Found get() throws LocateException {
      if (failure != null) {
        throw failure;
      }
      return found;
    }
  }

  /**
   * The places one locator found, and notes on near misses (a path that reached a mapping, a
   * missing document) that explain a wrong count.
   */
  public record Found(Locator locator, TextFile file, List<Place> places, List<String> notes) {
    public Found {
      places = List.copyOf(places);
      notes = List.copyOf(notes);
    }
  }
}

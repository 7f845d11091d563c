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

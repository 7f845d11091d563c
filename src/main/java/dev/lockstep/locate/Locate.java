package dev.lockstep.locate;

import dev.lockstep.model.Locator;
import dev.lockstep.model.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the places a locator names. One instance serves a whole run so that each file is read and
 * parsed once however many locators point into it.
 */
public final class Locate {
  private final YamlFinder yaml = new YamlFinder();
  private final JsonFinder json = new JsonFinder();
  private final RegexFinder regex = new RegexFinder();

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
    List<Place> places;
    if (locator.query() instanceof Query.Yaml q) {
      places = yaml.find(file, locator, q, notes);
    } else if (locator.query() instanceof Query.Json q) {
      places = json.find(file, locator, q, notes);
    } else {
      places = regex.find(file, locator, (Query.Regex) locator.query());
    }
    return new Found(locator, file, places, notes);
  }

  /**
   * What a locator found: its places, and notes on near misses (a path that reached a mapping, a
   * missing document) that explain a wrong count.
   */
  public record Found(Locator locator, TextFile file, List<Place> places, List<String> notes) {
    public Found {
      places = List.copyOf(places);
      notes = List.copyOf(notes);
    }
  }
}

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
  public Located locate(RepoFiles files, Locator locator) throws LocateException {
    return locateIn(files.read(locator.file()), locator);
  }

  /** The places {@code locator} matches in a text already read (or about to be written). */
  public Located locateIn(TextFile file, Locator locator) throws LocateException {
    List<String> notes = new ArrayList<>();
    List<Site> sites;
    if (locator.query() instanceof Query.Yaml q) {
      sites = yaml.find(file, locator, q, notes);
    } else if (locator.query() instanceof Query.Json q) {
      sites = json.find(file, locator, q, notes);
    } else {
      sites = regex.find(file, locator, (Query.Regex) locator.query());
    }
    return new Located(locator, file, sites, notes);
  }

  /**
   * What a locator found: its sites, and notes on near misses (a path that reached a mapping, a
   * missing document) that explain a wrong count.
   */
  public record Located(Locator locator, TextFile file, List<Site> sites, List<String> notes) {
    public Located {
      sites = List.copyOf(sites);
      notes = List.copyOf(notes);
    }
  }
}

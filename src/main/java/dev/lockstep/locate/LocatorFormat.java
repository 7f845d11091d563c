package dev.lockstep.locate;

import dev.lockstep.model.Locator;
import dev.lockstep.model.Query;
import java.util.List;

/**
 * One file format a locator reads and writes: finding the places its query names and encoding a new
 * value into one of those places, side by side in one class. Every format is listed once in {@link
 * LocatorFormats}; each {@link Place} records the format that found it, so the release engine
 * writes a place with the same format that read it.
 *
 * @param <Q> the query record this format answers
 */
public interface LocatorFormat<Q extends Query> {

  /** The key a graph writes for this format in a place ({@code yaml}, {@code json}, ...). */
  String key();

  /**
   * The places {@code query} matches in {@code file}, in file order.
   *
   * @param notes receives near misses (a path that reached a mapping, a missing document) that
   *     explain a wrong count
   * @throws LocateException when the file does not parse as this format
   */
  List<Place> find(TextFile file, Locator locator, Q query, List<String> notes)
      throws LocateException;

  /**
   * The characters to splice into {@code place}'s span so that it reads {@code value}; refuses a
   * value it cannot write without changing the meaning of the file. {@code place} is one this
   * format found.
   */
  String encode(Place place, String value) throws EncodeException;
}

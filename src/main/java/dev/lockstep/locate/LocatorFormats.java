package dev.lockstep.locate;

import dev.lockstep.model.Locator;
import dev.lockstep.model.Query;
import java.util.List;

/**
 * The one list of locator formats, and the one place a query is matched to its format. Adding a
 * format: a {@link LocatorFormat} class, a {@link Query} record with its {@link Query.Visitor}
 * method, and an entry here; the visitor below does not compile until the new query is handled.
 */
public final class LocatorFormats {
  public static final YamlFormat YAML = new YamlFormat();
  public static final JsonFormat JSON = new JsonFormat();
  public static final RegexFormat REGEX = new RegexFormat();

  private static final List<LocatorFormat<?>> ALL = List.of(YAML, JSON, REGEX);

  private LocatorFormats() {}

  /** Every format, in the order messages list them. */
  public static List<LocatorFormat<?>> all() {
    return ALL;
  }

  /** The keys a graph may write for a place's query, in the order of {@link #all}. */
  public static List<String> keys() {
    return ALL.stream().map(LocatorFormat::key).toList();
  }

  /** The places {@code locator}'s query matches in {@code file}, found by the query's format. */
  static List<Place> find(TextFile file, Locator locator, List<String> notes)
      throws LocateException {
    return find(file, locator, notes, null, null);
  }

  /**
   * As {@link #find(TextFile, Locator, List)}; a YAML query reads the parse {@code yaml} holds and
   * a JSON query the pass {@code json} makes, when they are not null.
   */
  static List<Place> find(
      TextFile file,
      Locator locator,
      List<String> notes,
      YamlFormat.Once yaml,
      JsonFormat.Once json)
      throws LocateException {
    return locator
        .query()
        .accept(
            new Query.Visitor<Search>() {
              @Override
              public Search yaml(Query.Yaml q) {
                return yaml == null
                    ? () -> YAML.find(file, locator, q, notes)
                    : () -> YAML.find(yaml, file, locator, q, notes);
              }

              @Override
              public Search json(Query.Json q) {
                return json == null
                    ? () -> JSON.find(file, locator, q, notes)
                    : () -> json.find(JSON, file, locator, q, notes);
              }

              @Override
              public Search regex(Query.Regex q) {
                return () -> REGEX.find(file, locator, q, notes);
              }
            })
        .run();
  }

  /** A search bound to its format and query, run outside the visitor so it may throw. */
  private interface Search {
    List<Place> run() throws LocateException;
  }
}

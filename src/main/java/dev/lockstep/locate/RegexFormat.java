package dev.lockstep.locate;

import com.google.re2j.Matcher;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * A regular expression over any text file. Finds the named group {@code version} of every match of
 * a pattern; RE2/J runs in time linear in the input, so no user pattern can hang the gate. A new
 * value is written as is; whether the pattern still finds it is checked after the edit by locating
 * again.
 */
public final class RegexFormat implements LocatorFormat<Query.Regex> {

  RegexFormat() {}

  @Override
  public String key() {
    return "regex";
  }

  @Override
  public List<Place> find(TextFile file, Locator locator, Query.Regex query, List<String> notes) {
    List<Place> places = new ArrayList<>();
    Matcher m = query.pattern().matcher(file.text());
    while (m.find()) {
      int start = m.start("version");
      int end = m.end("version");
      if (start < 0) {
        continue; // the group sat in an alternative that did not take part
      }
      if (end > start && file.text().charAt(end - 1) == '\r') {
        end--; // with CRLF endings, `.*$` would take the \r into the version
      }
      String value = file.text().substring(start, end);
      places.add(new Place(locator, file, start, end, value, value, Place.Style.REGEX_GROUP, this));
      if (m.end() == m.start() && m.end() >= file.text().length()) {
        break;
      }
    }
    return places;
  }

  @Override
  public String encode(Place place, String value) throws EncodeException {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new EncodeException(place.position() + ": a version cannot span lines");
    }
    return value;
  }
}

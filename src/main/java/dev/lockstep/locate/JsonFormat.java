package dev.lockstep.locate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.lockstep.locate.LocateException.Reason;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Query;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JSON. Finds a value by pointer in one streaming pass (one for all the pointers into a file when a
 * survey reads them together); Jackson's character offsets give the exact span of the value (inside
 * the quotes for a string). Subtrees off every pointer's path are skipped unread. Writes strings
 * escaped, and numbers only as a new value that is itself a JSON number.
 */
public final class JsonFormat implements LocatorFormat<Query.Json> {
  /** Version pins sit a few levels deep; a number of 100 digits is no version part. */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(500).maxNumberLength(100).build())
          .build();

  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  JsonFormat() {}

  @Override
  public String key() {
    return "json";
  }

  @Override
  public List<Place> find(TextFile file, Locator locator, Query.Json query, List<String> notes)
      throws LocateException {
    List<Place> places = new ArrayList<>();
    walk(file, List.of(new Walk(this, file, locator, query, notes, places)));
    return places;
  }

  /**
   * Every JSON locator of one file, found in one pass over it, for a caller that locates several
   * places in that file. Each locator's places and notes are what {@link #find} gives it alone; a
   * file that does not parse fails each of them the same way.
   */
  static final class Once {
    /** A JSON query, or null for a query of another format. */
    private static final Query.Visitor<Query.Json> JSON_ONLY =
        new Query.Visitor<>() {
          @Override
          public Query.Json yaml(Query.Yaml query) {
            return null;
          }

          @Override
          public Query.Json json(Query.Json query) {
            return query;
          }

          @Override
          public Query.Json regex(Query.Regex query) {
            return null;
          }
        };

    private final List<Locator> locators;
    private Map<Locator, Walk> walks;
    private LocateException failure;

    /** For the locators of one file, of any format: the JSON ones are picked at the first find. */
    Once(List<Locator> locators) {
      this.locators = locators;
    }

    List<Place> find(
        JsonFormat format, TextFile file, Locator locator, Query.Json query, List<String> notes)
        throws LocateException {
      if (failure != null) {
        throw failure;
      }
      if (walks == null) {
        Map<Locator, Walk> all = new IdentityHashMap<>();
        for (Locator l : locators) {
          Query.Json q = l.query().accept(JSON_ONLY);
          if (q != null) {
            all.put(l, new Walk(format, file, l, q, new ArrayList<>(), new ArrayList<>()));
          }
        }
        try {
          format.walk(file, List.copyOf(all.values()));
        } catch (LocateException e) {
          failure = e;
          throw e;
        }
        walks = all;
      }
      Walk w = walks.get(locator);
      if (w == null) {
        return format.find(file, locator, query, notes);
      }
      notes.addAll(w.notes());
      return new ArrayList<>(w.places());
    }
  }

  /** One pass over the file, each walk collecting what its pointer finds. */
  private void walk(TextFile file, List<Walk> walks) throws LocateException {
    try (JsonParser p = FACTORY.createParser(file.text())) {
      if (p.nextToken() != null) {
        Walk.value(p, 0, walks);
      }
      if (p.nextToken() != null) {
        throw new LocateException(
            Reason.UNPARSABLE,
            file.path()
                + ":"
                + p.currentTokenLocation().getLineNr()
                + ": malformed JSON: more than one value",
            "fix the JSON");
      }
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      String what = e.getOriginalMessage();
      throw new LocateException(
          Reason.UNPARSABLE,
          file.path()
              + ": JSON beyond lockstep's limits: "
              + (what == null ? "too deep or too long" : what.lines().findFirst().orElse(what)),
          "point the locator at a JSON file of ordinary shape (nesting under 500, numbers under"
              + " 100 digits)");
    } catch (JsonProcessingException e) {
      throw new LocateException(
          Reason.UNPARSABLE,
          file.path()
              + (e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr())
              + ": malformed JSON: "
              + e.getOriginalMessage(),
          "fix the JSON");
    } catch (IOException e) {
      throw new LocateException(
          Reason.UNPARSABLE, file.path() + ": " + e.getMessage(), "fix the JSON");
    }
  }

  @Override
  public String encode(Place place, String value) throws EncodeException {
    if (place.style() == Place.Style.JSON_NUMBER) {
      if (!NUMBER.matcher(value).matches()) {
        throw new EncodeException(
            place.position()
                + ": '"
                + value
                + "' is not a JSON number; make the value a string in the file");
      }
      return value;
    }
    if (!place.isSpliceable()) {
      throw new EncodeException(
          place.position()
              + ": the JSON string holds escapes; lockstep rewrites plain strings only");
    }
    StringBuilder sb = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private record Walk(
      JsonFormat format,
      TextFile file,
      Locator locator,
      Query.Json query,
      List<String> notes,
      List<Place> places) {

    /**
     * The value at depth {@code depth} for each of {@code walks}, whose pointers all run through
     * it: a note when a pointer ends at an object or array, a place when it ends at a scalar. The
     * walks that go deeper are grouped by the key or index they want next, so each member is looked
     * up once, not compared with every pointer; members no pointer runs into are skipped unread.
     */
    static void value(JsonParser p, int depth, List<Walk> walks) throws IOException {
      JsonToken t = p.currentToken();
      boolean container = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY;
      Map<String, List<Walk>> deeper = null;
      for (Walk w : walks) {
        List<String> want = w.query.tokens();
        if (depth == want.size()) {
          if (container) {
            w.notes.add(
                w.file.path()
                    + ":"
                    + p.currentTokenLocation().getLineNr()
                    + ": "
                    + w.query.pointer()
                    + " is an "
                    + (t == JsonToken.START_OBJECT ? "object" : "array")
                    + ", not a single value");
          } else {
            w.places.add(w.place(p, t));
          }
        } else if (container) {
          if (deeper == null) {
            deeper = new HashMap<>();
          }
          deeper.computeIfAbsent(want.get(depth), k -> new ArrayList<>()).add(w);
        }
      }
      if (!container) {
        return;
      }
      if (deeper == null) {
        p.skipChildren();
        return;
      }
      if (t == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          List<Walk> next = deeper.get(p.currentName());
          p.nextToken();
          member(p, depth, next);
        }
      } else {
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          member(p, depth, deeper.get(Integer.toString(i++)));
        }
      }
    }

    /** One member of a container at {@code depth}: walked by {@code next}, or skipped. */
    private static void member(JsonParser p, int depth, List<Walk> next) throws IOException {
      if (next == null) {
        p.skipChildren(); // a scalar has none
      } else {
        value(p, depth + 1, next);
      }
    }

    private Place place(JsonParser p, JsonToken t) throws IOException {
      int start = (int) p.currentTokenLocation().getCharOffset();
      String value = p.getText(); // completes the token, so the location below is its end
      int end = (int) p.currentLocation().getCharOffset();
      Place.Style style = Place.Style.JSON_NUMBER;
      if (t == JsonToken.VALUE_STRING) {
        start++;
        end--;
        style = Place.Style.JSON_STRING;
      }
      return new Place(
          locator, file, start, end, value, file.text().substring(start, end), style, format);
    }
  }
}

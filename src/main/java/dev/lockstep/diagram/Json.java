package dev.lockstep.diagram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.locate.Place;
import dev.lockstep.survey.Reading;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The JSON the render package prints: trees built key by key (so key order is the order written,
 * never a hash order), two-space indent, {@code "key": value}, {@code \n} line ends on every OS.
 */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final DefaultPrettyPrinter PRINTER =
      new DefaultPrettyPrinter()
          .withSeparators(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String write(ObjectNode root) {
    try {
      return MAPPER.writer(PRINTER).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree of plain nodes always serializes
    }
  }

  /**
   * {@code key: value}, or {@code key: null} when absent: every object of one kind has every key.
   */
  static void put(ObjectNode o, String key, Optional<?> value) {
    if (value.isPresent()) {
      o.put(key, value.get().toString());
    } else {
      o.putNull(key);
    }
  }

  /**
   * One place as {@code {file, line, column, value, version}}; the file is relative to its repo.
   */
  static ObjectNode place(ArrayNode into, Reading r) {
    Place s = r.place();
    ObjectNode p = into.addObject();
    p.put("file", s.file().path());
    p.put("line", s.line());
    p.put("column", s.column());
    p.put("value", s.value());
    put(p, "version", r.version());
    return p;
  }
}

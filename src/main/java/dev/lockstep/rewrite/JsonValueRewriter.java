package dev.lockstep.rewrite;

import dev.lockstep.locate.Place;
import java.util.regex.Pattern;

/** JSON strings (escaped) and numbers (only a new value that is itself a JSON number). */
final class JsonValueRewriter implements ValueRewriter {
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  @Override
  public String encode(Place site, String value) throws RewriteException {
    if (site.style() == Place.Style.JSON_NUMBER) {
      if (!NUMBER.matcher(value).matches()) {
        throw new RewriteException(
            site.position()
                + ": '"
                + value
                + "' is not a JSON number; make the value a string in the file");
      }
      return value;
    }
    if (!site.isSpliceable()) {
      throw new RewriteException(
          site.position()
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
}

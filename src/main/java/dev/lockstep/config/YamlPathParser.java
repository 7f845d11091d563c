package dev.lockstep.config;

import dev.lockstep.model.Query.YamlStep;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses YAML paths: {@code .a.b}, {@code [0]}, {@code [name=ocm]}, {@code ["kargo:kubevirt"]},
 * {@code ['a.b']}. A leading dot is optional; {@code .} alone is the document root.
 */
final class YamlPathParser {
  private final String text;
  private int pos;

  private YamlPathParser(String text) {
    this.text = text;
  }

  /** Throws {@link IllegalArgumentException} with a user-facing reason. */
  static List<YamlStep> parse(String text) {
    return new YamlPathParser(text).steps();
  }

  private List<YamlStep> steps() {
    List<YamlStep> steps = new ArrayList<>();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty YAML path; write .key.sub or [0]");
    }
    if (text.equals(".")) {
      return steps;
    }
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '.') {
        pos++;
        if (pos < text.length() && text.charAt(pos) == '[') {
          continue;
        }
        steps.add(new YamlStep.Key(plainKey()));
      } else if (c == '[') {
        steps.add(bracket());
      } else if (steps.isEmpty()) {
        steps.add(new YamlStep.Key(plainKey()));
      } else {
        throw error("expected '.' or '['");
      }
    }
    return steps;
  }

  private String plainKey() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) != '.' && text.charAt(pos) != '[') {
      pos++;
    }
    if (pos == start) {
      throw error("empty key");
    }
    return text.substring(start, pos);
  }

  private YamlStep bracket() {
    pos++; // '['
    if (pos >= text.length()) {
      throw error("unclosed '['");
    }
    char c = text.charAt(pos);
    YamlStep step;
    if (c == '"' || c == '\'') {
      step = new YamlStep.Key(quoted(c));
    } else {
      int close = text.indexOf(']', pos);
      if (close < 0) {
        throw error("unclosed '['");
      }
      String inner = text.substring(pos, close);
      pos = close;
      int eq = inner.indexOf('=');
      if (eq > 0) {
        String value = inner.substring(eq + 1).strip();
        if (value.length() >= 2
            && (value.startsWith("\"") || value.startsWith("'"))
            && value.charAt(value.length() - 1) == value.charAt(0)) {
          value = value.substring(1, value.length() - 1);
        }
        step = new YamlStep.Match(inner.substring(0, eq).strip(), value);
      } else {
        try {
          int index = Integer.parseInt(inner.strip());
          if (index < 0) {
            throw error("negative index");
          }
          step = new YamlStep.Index(index);
        } catch (NumberFormatException e) {
          throw error("'[" + inner + "]' is neither an index, key=value, nor a quoted key");
        }
      }
    }
    if (pos >= text.length() || text.charAt(pos) != ']') {
      throw error("expected ']'");
    }
    pos++;
    return step;
  }

  private String quoted(char quote) {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length() && text.charAt(pos) != quote) {
      char c = text.charAt(pos++);
      if (c == '\\' && quote == '"' && pos < text.length()) {
        c = text.charAt(pos++);
      }
      sb.append(c);
    }
    if (pos >= text.length()) {
      throw error("unclosed quote");
    }
    pos++;
    return sb.toString();
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(
        "bad YAML path '" + text + "' at character " + (pos + 1) + ": " + what);
  }
}

package dev.lockstep.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every string value of a key named {@code image} in Helm's rendered output, anywhere in any
 * document.
 */
final class RenderedImages {
  private static final Pattern SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");
  private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (.+?)\\s*$");

  private RenderedImages() {}

  /** One image reference as written in a rendered document, and the template it came from. */
  record Image(String text, String source) {}

  static List<Image> of(String manifests) {
    List<Image> out = new ArrayList<>();
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    for (String chunk : SEPARATOR.split(manifests)) {
      if (chunk.isBlank()) {
        continue;
      }
      Matcher m = SOURCE.matcher(chunk);
      String source = m.find() ? m.group(1) : "";
      for (Object doc : new Yaml(new SafeConstructor(options)).loadAll(chunk)) {
        if (doc instanceof Map<?, ?>) {
          walk(doc, source, out);
        }
      }
    }
    return out;
  }

  private static void walk(Object node, String source, List<Image> out) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if ("image".equals(e.getKey()) && e.getValue() instanceof String s) {
          out.add(new Image(s, source));
        } else {
          walk(e.getValue(), source, out);
        }
      }
    } else if (node instanceof List<?> list) {
      for (Object o : list) {
        walk(o, source, out);
      }
    }
  }
}

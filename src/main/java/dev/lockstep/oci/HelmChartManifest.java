package dev.lockstep.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A chart as Helm stores it in an OCI registry, made without Helm: the config blob (the chart's
 * metadata as JSON, byte for byte as Helm's {@code json.Marshal} writes it) and the image manifest
 * with Helm's annotations. The one difference from {@code helm push}: {@code
 * org.opencontainers.image.created} is the time given (the release commit's), not the clock, so the
 * same chart archive always gives the same manifest digest.
 *
 * @param content the chart archive, the manifest's one layer
 * @param config the config blob
 * @param manifest the manifest bytes
 */
public record HelmChartManifest(byte[] content, byte[] config, byte[] manifest) {

  /** The manifest's media type; Helm writes no {@code mediaType} field into the manifest itself. */
  public static final String MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";

  public static final String CREATED = "org.opencontainers.image.created";
  public static final String TITLE = "org.opencontainers.image.title";
  public static final String VERSION = "org.opencontainers.image.version";
  public static final String DESCRIPTION = "org.opencontainers.image.description";
  public static final String URL = "org.opencontainers.image.url";
  public static final String SOURCE = "org.opencontainers.image.source";
  public static final String AUTHORS = "org.opencontainers.image.authors";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final int MAX_METADATA = 1 << 20;

  /** Go sorts map keys by their UTF-8 bytes. */
  private static final Comparator<String> GO_KEY_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  /**
   * The manifest Helm would push for {@code tgz} at {@code created} (seconds; RFC 3339, UTC).
   *
   * @throws IOException the archive has no readable top-level {@code Chart.yaml}
   */
  public static HelmChartManifest of(byte[] tgz, Instant created) throws IOException {
    JsonNode chart = yaml(TagContents.chartYaml(tgz), "Chart.yaml");
    Optional<JsonNode> requirements = Optional.empty();
    try {
      requirements =
          Optional.of(
              yaml(
                  TarArchive.find(
                      new ByteArrayInputStream(tgz), 2, "requirements.yaml", MAX_METADATA),
                  "requirements.yaml"));
    } catch (IOException absent) {
      // Only apiVersion v1 charts have one; Helm merges its dependencies into the metadata.
    }
    Metadata meta = Metadata.of(chart, requirements);
    byte[] config = meta.json().getBytes(StandardCharsets.UTF_8);
    String created8601 =
        DateTimeFormatter.ISO_INSTANT.format(created.truncatedTo(ChronoUnit.SECONDS));
    StringBuilder m = new StringBuilder();
    m.append("{\"schemaVersion\":2,\"config\":");
    descriptor(m, HelmCharts.CONFIG_MEDIA_TYPE, config);
    m.append(",\"layers\":[");
    descriptor(m, HelmCharts.CONTENT_MEDIA_TYPE, tgz);
    m.append("],\"annotations\":");
    GoJson.object(m, meta.annotations(created8601));
    m.append('}');
    return new HelmChartManifest(
        tgz.clone(), config, m.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The manifest digest: what the tag will point at. */
  public String digest() {
    return RegistryClient.sha256Digest(manifest);
  }

  public String configDigest() {
    return RegistryClient.sha256Digest(config);
  }

  public String contentDigest() {
    return RegistryClient.sha256Digest(content);
  }

  private static void descriptor(StringBuilder out, String mediaType, byte[] blob) {
    out.append("{\"mediaType\":");
    GoJson.quote(out, mediaType);
    out.append(",\"digest\":");
    GoJson.quote(out, RegistryClient.sha256Digest(blob));
    out.append(",\"size\":").append(blob.length).append('}');
  }

  private static JsonNode yaml(byte[] bytes, String name) throws IOException {
    JsonNode node = YAML.readTree(bytes);
    if (node == null || !node.isObject()) {
      throw new IOException(name + " in the chart archive is not a mapping");
    }
    return node;
  }

  /**
   * Helm's {@code chart.Metadata} after loading (apiVersion defaults to v1) and validation (which
   * turns white space into ' ' and drops unprintable characters in most strings).
   */
  private record Metadata(JsonNode chart, List<JsonNode> dependencies) {

    static Metadata of(JsonNode chart, Optional<JsonNode> requirements) {
      JsonNode deps =
          requirements
              .map(r -> r.path("dependencies"))
              .filter(JsonNode::isArray)
              .orElse(chart.path("dependencies"));
      List<JsonNode> list = new ArrayList<>();
      deps.forEach(list::add);
      return new Metadata(chart, list);
    }

    String str(String field) {
      return text(chart.path(field));
    }

    String sanitized(String field) {
      return sanitize(str(field));
    }

    List<String> list(String field, boolean sanitize) {
      List<String> out = new ArrayList<>();
      chart.path(field).forEach(v -> out.add(sanitize ? sanitize(text(v)) : text(v)));
      return out;
    }

    String apiVersion() {
      String v = str("apiVersion");
      return v.isEmpty() ? "v1" : v;
    }

    /** The config blob: Go's encoding of the struct, fields in declaration order, omitempty. */
    String json() {
      GoJson.Fields f = new GoJson.Fields();
      f.string("name", sanitized("name"));
      f.string("home", sanitized("home"));
      f.strings("sources", list("sources", true));
      f.string("version", str("version"));
      f.string("description", sanitized("description"));
      f.strings("keywords", list("keywords", true));
      List<String> maintainers = new ArrayList<>();
      for (JsonNode m : chart.path("maintainers")) {
        GoJson.Fields mf = new GoJson.Fields();
        mf.string("name", sanitize(text(m.path("name"))));
        mf.string("email", sanitize(text(m.path("email"))));
        mf.string("url", sanitize(text(m.path("url"))));
        maintainers.add(mf.toString());
      }
      f.raw("maintainers", maintainers);
      f.string("icon", sanitized("icon"));
      f.string("apiVersion", apiVersion());
      f.string("condition", sanitized("condition"));
      f.string("tags", sanitized("tags"));
      f.string("appVersion", sanitized("appVersion"));
      f.bool("deprecated", chart.path("deprecated").asBoolean(false));
      Map<String, String> annotations = chartAnnotations();
      if (!annotations.isEmpty()) {
        StringBuilder a = new StringBuilder();
        GoJson.object(a, annotations);
        f.rawValue("annotations", a.toString());
      }
      f.string("kubeVersion", sanitized("kubeVersion"));
      List<String> deps = new ArrayList<>();
      for (JsonNode d : dependencies) {
        GoJson.Fields df = new GoJson.Fields();
        df.alwaysString("name", sanitize(text(d.path("name"))));
        df.string("version", sanitize(text(d.path("version"))));
        df.alwaysString("repository", sanitize(text(d.path("repository"))));
        df.string("condition", sanitize(text(d.path("condition"))));
        List<String> tags = new ArrayList<>();
        d.path("tags").forEach(t -> tags.add(sanitize(text(t))));
        df.strings("tags", tags);
        df.bool("enabled", d.path("enabled").asBoolean(false));
        if (d.path("import-values").isArray() && !d.path("import-values").isEmpty()) {
          StringBuilder iv = new StringBuilder();
          GoJson.value(iv, d.path("import-values"));
          df.rawValue("import-values", iv.toString());
        }
        df.string("alias", text(d.path("alias")));
        deps.add(df.toString());
      }
      f.raw("dependencies", deps);
      f.string("type", str("type"));
      return f.toString();
    }

    Map<String, String> chartAnnotations() {
      Map<String, String> out = new TreeMap<>(GO_KEY_ORDER);
      chart.path("annotations").properties().forEach(e -> out.put(e.getKey(), text(e.getValue())));
      return out;
    }

    /** Helm's {@code generateOCIAnnotations}: its own keys, then the chart's but title/version. */
    Map<String, String> annotations(String created) {
      Map<String, String> out = new TreeMap<>(GO_KEY_ORDER);
      putNonEmpty(out, DESCRIPTION, sanitized("description"));
      putNonEmpty(out, TITLE, sanitized("name"));
      putNonEmpty(out, VERSION, str("version"));
      putNonEmpty(out, URL, sanitized("home"));
      putNonEmpty(out, CREATED, created);
      List<String> sources = list("sources", true);
      if (!sources.isEmpty()) {
        putNonEmpty(out, SOURCE, sources.get(0));
      }
      List<JsonNode> maintainers = new ArrayList<>();
      chart.path("maintainers").forEach(maintainers::add);
      if (!maintainers.isEmpty()) {
        StringBuilder authors = new StringBuilder();
        for (int i = 0; i < maintainers.size(); i++) {
          String name = sanitize(text(maintainers.get(i).path("name")));
          String email = sanitize(text(maintainers.get(i).path("email")));
          authors.append(name);
          if (!email.isEmpty()) {
            authors.append(" (").append(email).append(')');
          }
          if (i < maintainers.size() - 1) {
            authors.append(", ");
          }
        }
        putNonEmpty(out, AUTHORS, authors.toString());
      }
      chartAnnotations()
          .forEach(
              (k, v) -> {
                if (!k.equals(VERSION) && !k.equals(TITLE)) {
                  out.put(k, v);
                }
              });
      return out;
    }

    private static void putNonEmpty(Map<String, String> map, String key, String value) {
      if (!value.isEmpty()) {
        map.put(key, value);
      }
    }
  }

  /** A scalar as Go's YAML-to-struct conversion gives a string field; empty for null or absent. */
  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()
        ? ""
        : node.asText();
  }

  /** Helm's {@code sanitizeString}: white space becomes ' ', unprintable characters go. */
  static String sanitize(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              if (isGoSpace(c)) {
                out.append(' ');
              } else if (isGoPrint(c)) {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  private static boolean isGoSpace(int c) {
    return c == '\t'
        || c == '\n'
        || c == 0x0b
        || c == '\f'
        || c == '\r'
        || c == ' '
        || c == 0x85
        || c == 0xa0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202f
        || c == 0x205f
        || c == 0x3000;
  }

  /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols. */
  private static boolean isGoPrint(int c) {
    switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER,
      Character.LOWERCASE_LETTER,
      Character.TITLECASE_LETTER,
      Character.MODIFIER_LETTER,
      Character.OTHER_LETTER,
      Character.NON_SPACING_MARK,
      Character.ENCLOSING_MARK,
      Character.COMBINING_SPACING_MARK,
      Character.DECIMAL_DIGIT_NUMBER,
      Character.LETTER_NUMBER,
      Character.OTHER_NUMBER,
      Character.CONNECTOR_PUNCTUATION,
      Character.DASH_PUNCTUATION,
      Character.START_PUNCTUATION,
      Character.END_PUNCTUATION,
      Character.INITIAL_QUOTE_PUNCTUATION,
      Character.FINAL_QUOTE_PUNCTUATION,
      Character.OTHER_PUNCTUATION,
      Character.MATH_SYMBOL,
      Character.CURRENCY_SYMBOL,
      Character.MODIFIER_SYMBOL,
      Character.OTHER_SYMBOL:
        return true;
      default:
        return false;
    }
  }

  /** Go's {@code encoding/json}: HTML-safe string escapes, map keys sorted, omitempty fields. */
  static final class GoJson {
    private GoJson() {}

    /** Fields of a struct in declaration order. */
    static final class Fields {
      private final StringBuilder out = new StringBuilder("{");

      private void key(String name) {
        if (out.length() > 1) {
          out.append(',');
        }
        quote(out, name);
        out.append(':');
      }

      void string(String name, String value) {
        if (!value.isEmpty()) {
          alwaysString(name, value);
        }
      }

      void alwaysString(String name, String value) {
        key(name);
        quote(out, value);
      }

      void strings(String name, List<String> values) {
        if (!values.isEmpty()) {
          key(name);
          out.append('[');
          for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
              out.append(',');
            }
            quote(out, values.get(i));
          }
          out.append(']');
        }
      }

      void bool(String name, boolean value) {
        if (value) {
          key(name);
          out.append("true");
        }
      }

      /** A list of already encoded values; omitted when empty. */
      void raw(String name, List<String> encoded) {
        if (!encoded.isEmpty()) {
          rawValue(name, "[" + String.join(",", encoded) + "]");
        }
      }

      void rawValue(String name, String encoded) {
        key(name);
        out.append(encoded);
      }

      @Override
      public String toString() {
        return out + "}";
      }
    }

    static void object(StringBuilder out, Map<String, String> sorted) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, String> e : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        quote(out, e.getKey());
        out.append(':');
        quote(out, e.getValue());
      }
      out.append('}');
    }

    /** A value decoded into Go's {@code interface{}}: objects with sorted keys, numbers float64. */
    static void value(StringBuilder out, JsonNode node) {
      if (node.isObject()) {
        Map<String, JsonNode> sorted = new TreeMap<>(GO_KEY_ORDER);
        node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          quote(out, e.getKey());
          out.append(':');
          value(out, e.getValue());
        }
        out.append('}');
      } else if (node.isArray()) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          value(out, node.get(i));
        }
        out.append(']');
      } else if (node.isNumber()) {
        out.append(number(node.asDouble()));
      } else if (node.isBoolean()) {
        out.append(node.asBoolean());
      } else if (node.isNull() || node.isMissingNode()) {
        out.append("null");
      } else {
        quote(out, node.asText());
      }
    }

    private static String number(double d) {
      double abs = Math.abs(d);
      if (d == Math.rint(d) && abs < 1e21) {
        return new BigDecimal(d).toBigInteger().toString();
      }
      if (abs >= 1e-6 && abs < 1e21) {
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
      }
      return Double.toString(d).replace("E", "e+").replace("e+-", "e-");
    }

    static void quote(StringBuilder out, String s) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else if (Character.isSurrogate(c)) {
              if (Character.isHighSurrogate(c)
                  && i + 1 < s.length()
                  && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
              } else {
                out.append("\\ufffd");
              }
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
  }
}

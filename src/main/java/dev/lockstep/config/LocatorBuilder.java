package dev.lockstep.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.PatternSyntaxException;
import dev.lockstep.config.ReferenceSpec.LocatorSpec;
import dev.lockstep.locate.LocatorFormats;
import dev.lockstep.model.Count;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Problem;
import dev.lockstep.model.Query;
import dev.lockstep.model.Query.DocumentSelector;
import dev.lockstep.model.Source;
import dev.lockstep.model.VersionFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@code at:} entry into a {@link Locator}, checking its query compiles and makes sense.
 */
final class LocatorBuilder {
  /** RE2 refuses programs past this size; a pattern like {@code (a{999}){999}} would be one. */
  static final int MAX_PATTERN_LENGTH = 2_000;

  /**
   * The query keys of a place: one per locator format, and {@code chart} (YAML at a fixed path).
   */
  private static final List<String> KEYS = keys();

  private static List<String> keys() {
    List<String> keys = new ArrayList<>(LocatorFormats.keys());
    keys.add("chart");
    return List.copyOf(keys);
  }

  private final SourceMap positions;
  private final List<Problem> problems;
  private final Formats formats;

  /** Compiled {@code regex:} queries by their RE2 text: a graph repeats a few patterns often. */
  private final Map<String, com.google.re2j.Pattern> patterns = new HashMap<>();

  LocatorBuilder(SourceMap positions, List<Problem> problems, Formats formats) {
    this.positions = positions;
    this.problems = problems;
    this.formats = formats;
  }

  /**
   * @param defaultChartYaml the Chart.yaml of the artifact that declares the locator, used by
   *     {@code chart:} locators that name no file
   */
  Optional<Locator> build(LocatorSpec spec, String path, Optional<String> defaultChartYaml) {
    Source here = positions.at(path);
    List<String> kinds = new ArrayList<>();
    if (spec.yaml() != null) kinds.add("yaml");
    if (spec.json() != null) kinds.add("json");
    if (spec.regex() != null) kinds.add("regex");
    if (spec.chart() != null) kinds.add("chart");
    if (kinds.size() != 1) {
      problems.add(
          Problem.at(
              here,
              kinds.isEmpty()
                  ? "a place needs one of "
                      + String.join(", ", KEYS.subList(0, KEYS.size() - 1))
                      + " or "
                      + KEYS.get(KEYS.size() - 1)
                  : "a place takes one query, found " + kinds,
              "write e.g. { file: values.yaml, yaml: .image.tag }"));
      return Optional.empty();
    }
    if (spec.document() != null && !spec.document().isNull() && spec.yaml() == null) {
      problems.add(
          Problem.at(
              positions.at(path + ".document"),
              "document: selects YAML documents; it has no meaning for a "
                  + kinds.get(0)
                  + " locator",
              "remove document:, or use a yaml: path"));
      return Optional.empty();
    }
    String file = spec.file();
    if (file == null && spec.chart() != null) {
      file = defaultChartYaml.orElse(null);
    }
    if (file == null || file.isBlank()) {
      problems.add(Problem.at(here, "missing 'file'", "name the file relative to its repo's root"));
      return Optional.empty();
    }
    file = normalize(file);
    if (spec.chart() != null && !file.endsWith("Chart.yaml")) {
      file = file.endsWith("/") ? file + "Chart.yaml" : file + "/Chart.yaml";
    }
    Count count = Count.ONE;
    if (spec.all() != null && spec.all()) {
      if (spec.count() != null) {
        problems.add(
            Problem.at(
                positions.at(path + ".all"), "'all' and 'count' exclude each other", "keep one"));
        return Optional.empty();
      }
      count = Count.ALL;
    } else if (spec.count() != null) {
      if (spec.count() < 1) {
        problems.add(
            Problem.at(
                positions.at(path + ".count"),
                "count must be at least 1",
                "a place that is not there is no place"));
        return Optional.empty();
      }
      count = Count.exactly(spec.count());
    }
    // positions only where a problem may need one: looking one up costs a path and a hash lookup
    Optional<VersionFormat> format =
        spec.format() == null
            ? Optional.empty()
            : formats.optional(spec.format(), positions.at(path + ".format"), problems);
    Optional<Query> query =
        switch (kinds.get(0)) {
          case "yaml" -> yaml(spec.yaml(), spec.document(), path);
          case "json" -> json(spec.json(), path);
          case "regex" -> regex(spec.regex(), path);
          case "chart" -> chart(spec.chart(), path);
          default -> throw new IllegalStateException("no query builder for " + kinds.get(0));
        };
    if (query.isEmpty() || (spec.format() != null && format.isEmpty())) {
      return Optional.empty();
    }
    Optional<String> chartField = Optional.ofNullable(spec.chart());
    boolean pin = spec.pin() != null && spec.pin();
    Optional<String> override = Optional.ofNullable(spec.override());
    if (override.isPresent() && override.get().isBlank()) {
      problems.add(
          Problem.at(
              positions.at(path + ".override"),
              "override: needs the environment's name",
              "write e.g. override: prod (the stack file's environment)"));
      return Optional.empty();
    }
    if (pin && override.isPresent()) {
      problems.add(
          Problem.at(
              positions.at(path + ".override"),
              "a place is either the pin or an override, not both",
              "keep pin: true on the version of record, override: on an environment's file"));
      return Optional.empty();
    }
    return Optional.of(
        new Locator(file, query.get(), count, format, chartField, here, pin, override));
  }

  /** Without leading {@code ./} and with runs of {@code /} made one. */
  static String normalize(String file) {
    int start = 0;
    while (file.startsWith("./", start)) {
      start += 2;
    }
    String f = file.substring(start);
    if (!f.contains("//")) {
      return f;
    }
    StringBuilder out = new StringBuilder(f.length());
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c != '/' || out.length() == 0 || out.charAt(out.length() - 1) != '/') {
        out.append(c);
      }
    }
    return out.toString();
  }

  private Optional<Query> yaml(String text, JsonNode document, String path) {
    try {
      Optional<DocumentSelector> selector = Optional.empty();
      if (document != null && !document.isNull()) {
        if (!document.isValueNode()
            || (document.isNumber() && !document.canConvertToExactIntegral())) {
          problems.add(
              Problem.at(
                  positions.at(path + ".document"),
                  "document: " + document + " is neither a document index nor key=value",
                  "write document: 1 or document: kind=Job"));
          return Optional.empty();
        }
        if (document.isIntegralNumber() && !document.canConvertToInt()) {
          problems.add(
              Problem.at(
                  positions.at(path + ".document"),
                  "document index " + document.asText() + " is out of range",
                  "documents count from 0; no YAML file holds that many"));
          return Optional.empty();
        }
        if (document.isIntegralNumber() && document.asInt() < 0) {
          problems.add(
              Problem.at(
                  positions.at(path + ".document"),
                  "document index " + document.asInt() + " is negative",
                  "documents count from 0"));
          return Optional.empty();
        }
        if (document.isIntegralNumber()) {
          selector = Optional.of(new DocumentSelector.ByIndex(document.asInt()));
        } else {
          String d = document.asText();
          int eq = d.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException(
                "document selector '" + d + "' is neither an index nor key=value (e.g. kind=Job)");
          }
          String key = d.substring(0, eq).strip();
          selector =
              Optional.of(
                  new DocumentSelector.ByField(
                      YamlPathParser.parse(key), key, d.substring(eq + 1).strip()));
        }
      }
      return Optional.of(new Query.Yaml(text, YamlPathParser.parse(text), selector));
    } catch (IllegalArgumentException e) {
      problems.add(
          Problem.at(
              positions.at(path + ".yaml"), e.getMessage(), "see docs/graph-format.md#yaml-paths"));
      return Optional.empty();
    }
  }

  private Optional<Query> json(String pointer, String path) {
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      problems.add(
          Problem.at(
              positions.at(path + ".json"),
              "JSON pointer '" + pointer + "' must start with '/'",
              "write e.g. /cert_manager/version"));
      return Optional.empty();
    }
    List<String> tokens = new ArrayList<>();
    if (!pointer.isEmpty()) {
      for (String t : pointer.substring(1).split("/", -1)) {
        tokens.add(t.replace("~1", "/").replace("~0", "~"));
      }
    }
    return Optional.of(new Query.Json(pointer, tokens));
  }

  private Optional<Query> regex(String text, String path) {
    if (text.length() > MAX_PATTERN_LENGTH) {
      problems.add(
          Problem.at(
              positions.at(path + ".regex"),
              "regex is longer than " + MAX_PATTERN_LENGTH + " characters",
              "anchor a shorter pattern on the text around the version"));
      return Optional.empty();
    }
    // RE2/J spells named groups (?P<name>); accept the common (?<name>) too.
    String re2 = text.replace("(?<version>", "(?P<version>");
    if (dev.lockstep.locate.RegexFormat.matchedWithoutEngine(re2)) {
      // valid, with its group: compiled only if a search ever needs the engine
      return Optional.of(Query.Regex.compiledLater(text, re2));
    }
    try {
      com.google.re2j.Pattern p = patterns.get(re2);
      if (p == null) {
        p = com.google.re2j.Pattern.compile(re2, com.google.re2j.Pattern.MULTILINE);
        patterns.put(re2, p);
      }
      if (!re2.contains("(?P<version>")) {
        problems.add(
            Problem.at(
                positions.at(path + ".regex"),
                "regex has no group named 'version'",
                "wrap the version in (?<version>...)"));
        return Optional.empty();
      }
      return Optional.of(new Query.Regex(text, p));
    } catch (PatternSyntaxException e) {
      problems.add(
          Problem.at(
              positions.at(path + ".regex"),
              "regex does not compile in the linear-time engine: "
                  + e.getDescription()
                  + (e.getPattern() == null || e.getPattern().isEmpty()
                      ? ""
                      : " at '" + e.getPattern() + "'"),
              "backreferences, lookaround and huge repeat counts are not supported; match the text around the version instead"));
      return Optional.empty();
    }
  }

  private Optional<Query> chart(String field, String path) {
    if (!field.equals("version") && !field.equals("appVersion")) {
      problems.add(
          Problem.at(
              positions.at(path + ".chart"),
              "chart: takes version or appVersion, not '" + field + "'",
              Suggest.hint(field, List.of("version", "appVersion"))));
      return Optional.empty();
    }
    return Optional.of(
        new Query.Yaml("." + field, List.of(new Query.YamlStep.Key(field)), Optional.empty()));
  }
}

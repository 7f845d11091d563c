package dev.lockstep.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft-07) of the graph file, derived from the {@code *Spec} records the loader
 * reads, so that it names exactly the keys the loader accepts. Editors read it through a {@code #
 * yaml-language-server: $schema=...} comment; {@code docs/graph.schema.json} is its output, and a
 * test fails when the committed file differs from what this class produces.
 *
 * <p>Where the loader takes a tree ({@link JsonNode}) and checks it by hand, the schema says what
 * the hand check accepts ({@link #TREES}); keys that take one of a few words list them ({@link
 * #WORDS}). The schema may be stricter than the loader (it wants strings quoted), never looser.
 */
public final class GraphSchema {
  /** Where the published schema lives, relative to the repository root. */
  public static final String PATH = "docs/graph.schema.json";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** {@code scheme:} of a repo or artifact, as {@link Schemes} reads it. */
  private static final JsonNode SCHEME =
      F.objectNode()
          .set(
              "oneOf",
              F.arrayNode()
                  .add(
                      F.objectNode()
                          .set(
                              "enum",
                              F.arrayNode().add("semver").add("loose").add("pep440").add("commit")))
                  .add(
                      F.objectNode()
                          .put("type", "object")
                          .put("additionalProperties", false)
                          .<ObjectNode>set("required", F.arrayNode().add("pattern"))
                          .set("properties", F.objectNode().set("pattern", type("string")))));

  /** The trees the loader reads itself, by {@code Record.component}. */
  private static final Map<String, JsonNode> TREES =
      Map.of(
          "GraphSpec.repos",
          mapOf(nullable(ref("repo"))),
          "GraphSpec.artifacts",
          mapOf(ref("artifact")),
          "ChartSpec.placeholder",
          F.objectNode()
              .set(
                  "oneOf",
                  F.arrayNode()
                      .add(F.objectNode().put("type", "string"))
                      .add(
                          F.objectNode()
                              .put("type", "object")
                              .put("additionalProperties", false)
                              .set(
                                  "properties",
                                  F.objectNode()
                                      .<ObjectNode>set("version", type("string"))
                                      .set("appVersion", type("string"))))),
          "LocatorSpec.document",
          F.objectNode()
              .set(
                  "oneOf",
                  F.arrayNode()
                      .add(F.objectNode().put("type", "integer").put("minimum", 0))
                      .add(F.objectNode().put("type", "string").put("pattern", "^[^=]+=.*$"))));

  /** Keys that take one of a few words. */
  private static final Map<String, List<String>> WORDS =
      Map.of(
          "ReferenceSpec.policy", List.of("literal", "placeholder"),
          "ReferenceSpec.stamp", List.of("every", "regular"),
          "LocatorSpec.chart", List.of("version", "appVersion"));

  /** Short help for editors, by {@code Record.component}. */
  private static final Map<String, String> HELP =
      Map.ofEntries(
          Map.entry("GraphSpec.repos", "Repos (release units) by id."),
          Map.entry(
              "GraphSpec.artifacts",
              "Artifacts by id; kind: " + String.join(", ", ArtifactSpec.KINDS)),
          Map.entry("RepoSpec.path", "Where the repo is checked out, relative to the graph file."),
          Map.entry("RepoSpec.tag", "The format of its release tags, e.g. \"v{version}\"."),
          Map.entry("ReferenceSpec.to", "An artifact id, or a repo id for its release line."),
          Map.entry("ReferenceSpec.at", "Every place the version is written."),
          Map.entry("ReferenceSpec.unversioned", "Why this reference carries no version."),
          Map.entry("LocatorSpec.file", "The file, relative to the repo root."),
          Map.entry("LocatorSpec.regex", "An RE2 pattern with a group named version."),
          Map.entry("LocatorSpec.yaml", "A YAML path, e.g. .image.tag"),
          Map.entry("LocatorSpec.json", "A JSON pointer, e.g. /images/app"),
          Map.entry("LocatorSpec.count", "How many places it must match (default 1)."),
          Map.entry(
              "GraphSpec.mirrors",
              "Lookups of FROM (a Helm repository URL or registry host) are asked at TO (an http,"
                  + " https or oci URL)."),
          Map.entry("ExternalSpec.git", "A git repository whose tags are its versions."),
          Map.entry("ExternalSpec.allow", "RE2: only tags it matches are proposed by outdated."),
          Map.entry("ExternalSpec.ignore", "RE2: tags it matches are never proposed by outdated."),
          Map.entry(
              "LocatorSpec.pin",
              "This place is the target's version of record for its repo (e.g. a pin file)."),
          Map.entry(
              "LocatorSpec.override",
              "The environment whose own version this place holds; it may differ from the pin."));

  private static final String HELP_LOCKSTEP = "The schema version; this lockstep reads 1.";

  private GraphSchema() {}

  /** The schema as a tree. */
  public static ObjectNode tree() {
    ObjectNode root = F.objectNode();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put(
        "$id",
        "https://raw.githubusercontent.com/lockstep-dev/lockstep/main/docs/graph.schema.json");
    root.put("title", "lockstep graph");
    root.put(
        "description",
        "A lockstep graph file (docs/graph-format.md). Generated from the loader's records by"
            + " dev.lockstep.config.GraphSchema; do not edit by hand.");
    ObjectNode top = record(GraphSpec.class);
    top.set("required", F.arrayNode().add("lockstep"));
    ((ObjectNode) top.get("properties"))
        .set("lockstep", F.objectNode().put("const", 1).put("description", HELP_LOCKSTEP));
    root.setAll(top);
    ObjectNode definitions = F.objectNode();
    definitions.set("repo", record(RepoSpec.class));
    definitions.set("artifact", artifact(definitions));
    definitions.set("reference", record(ReferenceSpec.class));
    definitions.set("locator", record(ReferenceSpec.LocatorSpec.class));
    root.set("definitions", definitions);
    return root;
  }

  /** The schema as the committed file holds it: two-space JSON and a final newline. */
  public static String json() {
    try {
      return new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(tree())
              .replace("\r\n", "\n")
          + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An artifact: {@code kind} picks one of the kinds' records (as the loader's {@link JsonSubTypes}
   * do), each closed to the keys of its own kind.
   */
  private static ObjectNode artifact(ObjectNode definitions) {
    JsonSubTypes kinds = ArtifactSpec.class.getAnnotation(JsonSubTypes.class);
    ArrayNode names = F.arrayNode();
    ArrayNode branches = F.arrayNode();
    for (JsonSubTypes.Type t : kinds.value()) {
      names.add(t.name());
      ObjectNode body = record(t.value());
      ((ObjectNode) body.get("properties")).set("kind", F.objectNode().put("const", t.name()));
      definitions.set("kind-" + t.name(), body);
      branches.add(
          F.objectNode()
              .<ObjectNode>set(
                  "if",
                  F.objectNode()
                      .set(
                          "properties",
                          F.objectNode().set("kind", F.objectNode().put("const", t.name()))))
              .set("then", ref("kind-" + t.name())));
    }
    ObjectNode a = F.objectNode();
    a.put("type", "object");
    a.set("required", F.arrayNode().add("kind"));
    a.set("properties", F.objectNode().set("kind", F.objectNode().set("enum", names)));
    a.set("allOf", branches);
    return a;
  }

  private static ObjectNode record(Class<?> type) {
    ObjectNode properties = F.objectNode();
    for (RecordComponent c : type.getRecordComponents()) {
      String key = type.getSimpleName() + "." + c.getName();
      JsonNode schema = c.getName().equals("scheme") ? SCHEME : TREES.get(key);
      ObjectNode p = schema != null ? ((ObjectNode) schema).deepCopy() : of(c.getGenericType());
      if (WORDS.containsKey(key)) {
        ArrayNode e = F.arrayNode();
        WORDS.get(key).forEach(e::add);
        p.set("enum", e);
      }
      if (HELP.containsKey(key)) {
        p.put("description", HELP.get(key));
      }
      properties.set(c.getName(), p);
    }
    ObjectNode o = F.objectNode();
    o.put("type", "object");
    o.put("additionalProperties", false);
    o.set("properties", properties);
    return o;
  }

  private static ObjectNode of(Type t) {
    if (t instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        return F.objectNode().put("type", "array").set("items", of(args[0]));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return mapOf(of(args[1]));
      }
    }
    Class<?> c = (Class<?>) t;
    if (c == String.class) {
      return type("string");
    }
    if (c == Integer.class || c == int.class) {
      return type("integer");
    }
    if (c == Boolean.class || c == boolean.class) {
      return type("boolean");
    }
    if (c.isRecord()) {
      if (c == ReferenceSpec.class) {
        return ref("reference");
      }
      if (c == ReferenceSpec.LocatorSpec.class) {
        return ref("locator");
      }
      return record(c);
    }
    throw new IllegalStateException(
        "no schema for " + t + ": say what the loader accepts in GraphSchema.TREES");
  }

  private static ObjectNode type(String name) {
    return F.objectNode().put("type", name);
  }

  private static ObjectNode ref(String definition) {
    return F.objectNode().put("$ref", "#/definitions/" + definition);
  }

  private static ObjectNode mapOf(JsonNode values) {
    return F.objectNode().put("type", "object").set("additionalProperties", values);
  }

  /** An entry written with no body ({@code app:}) reads as an empty mapping. */
  private static ObjectNode nullable(ObjectNode schema) {
    return F.objectNode()
        .set("anyOf", F.arrayNode().add(F.objectNode().put("type", "null")).add(schema));
  }
}

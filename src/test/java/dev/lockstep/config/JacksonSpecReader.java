package dev.lockstep.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lockstep.model.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The loader's former reader, which mapped trees onto {@code *Spec} records with Jackson databind;
 * kept as the reference {@link SpecReader} must agree with, problem for problem.
 */
final class JacksonSpecReader {
  private final SourceMap positions;
  private final List<Problem> problems;
  private final YAMLMapper mapper;

  JacksonSpecReader(SourceMap positions, List<Problem> problems) {
    this.positions = positions;
    this.problems = problems;
    this.mapper =
        YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addHandler(new UnknownKeys())
            .build();
  }

  /**
   * Reads {@code node} (found at {@code path}) as {@code type}; empty after recording a problem.
   */
  <T> Optional<T> read(JsonNode node, String path, Class<T> type) {
    String before = currentPrefix;
    currentPrefix = path;
    try {
      return Optional.ofNullable(mapper.treeToValue(node, type));
    } catch (InvalidTypeIdException e) {
      String id = e.getTypeId();
      problems.add(
          Problem.at(
              positions.at(SourceMap.child(path, "kind")),
              id == null ? "missing 'kind'" : "unknown kind '" + id + "'",
              "use kind: " + String.join(", ", ArtifactSpec.KINDS)));
    } catch (MismatchedInputException e) {
      String where = pathOf(path, e);
      problems.add(
          Problem.at(
              positions.at(where),
              "wrong type: expected "
                  + (e.getTargetType() == null ? "another type" : describe(e.getTargetType())),
              typeFix(e)));
    } catch (JsonMappingException e) {
      problems.add(Problem.at(positions.at(pathOf(path, e)), e.getOriginalMessage(), ""));
    } catch (IOException e) {
      problems.add(Problem.at(positions.at(path), e.getMessage(), ""));
    } finally {
      currentPrefix = before;
    }
    return Optional.empty();
  }

  private String currentPrefix = "";

  private static String pathOf(String prefix, JsonMappingException e) {
    String path = prefix;
    for (JsonMappingException.Reference r : e.getPath()) {
      path =
          r.getFieldName() != null
              ? SourceMap.child(path, r.getFieldName())
              : SourceMap.index(path, r.getIndex());
    }
    return path;
  }

  private static String typeFix(MismatchedInputException e) {
    // An unquoted {version} is a YAML flow mapping; the most common mistake in a format.
    if (e.getTargetType() == String.class) {
      return "quote the value, e.g. tag: \"v{version}\"";
    }
    return "see docs/graph-format.md";
  }

  /** Records unknown keys and wrong types with their position and goes on reading. */
  private final class UnknownKeys extends DeserializationProblemHandler {
    @Override
    public boolean handleUnknownProperty(
        DeserializationContext ctxt,
        JsonParser p,
        JsonDeserializer<?> deserializer,
        Object bean,
        String name)
        throws IOException {
      List<String> known = new ArrayList<>();
      for (Object k : deserializer.getKnownPropertyNames()) {
        if (!k.equals("kind")) {
          known.add(k.toString());
        }
      }
      problems.add(
          Problem.at(
              positions.at(keyPath(p, name)),
              "unknown key '" + name + "'",
              Suggest.hint(name, known)));
      p.skipChildren();
      return true;
    }

    @Override
    public Object handleUnexpectedToken(
        DeserializationContext ctxt,
        JavaType targetType,
        JsonToken t,
        JsonParser p,
        String failureMsg)
        throws IOException {
      if (targetType == null || targetType.isRecordType() || targetType.isMapLikeType()) {
        return NOT_HANDLED; // a structural mismatch: let the exception name the entry
      }
      Class<?> raw = targetType.getRawClass();
      problems.add(
          Problem.at(
              positions.at(pathAt(p)),
              "wrong type: expected " + describe(raw) + ", found " + found(t),
              raw == String.class
                  ? "quote the value, e.g. tag: \"v{version}\""
                  : "see docs/graph-format.md"));
      p.skipChildren();
      return null;
    }

    @Override
    public Object handleWeirdStringValue(
        DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg)
        throws IOException {
      problems.add(
          Problem.at(
              positions.at(pathAt(ctxt.getParser())),
              "wrong type: expected " + describe(targetType) + ", found '" + value + "'",
              "see docs/graph-format.md"));
      return null;
    }
  }

  private static String found(JsonToken t) {
    if (t == JsonToken.START_OBJECT) {
      return "a mapping";
    }
    if (t == JsonToken.START_ARRAY) {
      return "a list";
    }
    return "a single value";
  }

  private static String describe(Class<?> t) {
    if (List.class.isAssignableFrom(t)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(t) || t.isRecord()) {
      return "a mapping";
    }
    if (t == Integer.class || t == int.class) {
      return "a whole number";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "true or false";
    }
    return "a string";
  }

  /**
   * The path of an unknown key: from the object context that is at that key, wherever the parser
   * stands.
   */
  private String keyPath(JsonParser p, String name) {
    String path = SourceMap.child(pathAt(p), name);
    for (JsonStreamContext c = p.getParsingContext(); c != null; c = c.getParent()) {
      if (c.inObject() && name.equals(c.getCurrentName())) {
        path = pathOf(c);
        break;
      }
    }
    // Jackson buffers an entry whose 'kind' comes late, and the buffer's contexts can carry
    // stray array levels; the streaming pass knows the real path.
    return positions.has(path) ? path : positions.unique(currentPrefix, name).orElse(path);
  }

  /** The graph path of the value the parser is at (inside the entry being read). */
  private String pathAt(JsonParser p) {
    JsonStreamContext ctx = p.getParsingContext();
    JsonToken t = p.currentToken();
    if ((t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) && ctx.getParent() != null) {
      ctx = ctx.getParent(); // the parser has already entered the value
    }
    return pathOf(ctx);
  }

  private String pathOf(JsonStreamContext ctx) {
    List<JsonStreamContext> chain = new ArrayList<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      chain.add(0, c);
    }
    String path = currentPrefix;
    for (JsonStreamContext c : chain) {
      if (c.inArray()) {
        path = SourceMap.index(path, Math.max(0, c.getCurrentIndex()));
      } else if (c.inObject() && c.getCurrentName() != null) {
        path = SourceMap.child(path, c.getCurrentName());
      }
    }
    return path;
  }
}

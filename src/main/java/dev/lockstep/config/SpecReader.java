package dev.lockstep.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
 * Maps YAML trees onto {@code *Spec} records with Jackson, turning every unknown key and wrong
 * type into a {@link Problem} at its position instead of stopping at the first one.
 */
final class SpecReader {
  private final SourceMap positions;
  private final List<Problem> problems;
  private final YAMLMapper mapper;

  SpecReader(SourceMap positions, List<Problem> problems) {
    this.positions = positions;
    this.problems = problems;
    this.mapper = YAMLMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .addHandler(new UnknownKeys())
        .build();
  }

  /** Reads {@code node} (found at {@code path}) as {@code type}; empty after recording a problem. */
  <T> Optional<T> read(JsonNode node, String path, Class<T> type) {
    String before = currentPrefix;
    currentPrefix = path;
    try {
      return Optional.ofNullable(mapper.treeToValue(node, type));
    } catch (InvalidTypeIdException e) {
      String id = e.getTypeId();
      problems.add(Problem.at(positions.at(SourceMap.child(path, "kind")),
          id == null ? "missing 'kind'" : "unknown kind '" + id + "'",
          "use kind: " + String.join(", ", ArtifactSpec.KINDS)));
    } catch (MismatchedInputException e) {
      String where = pathOf(path, e);
      problems.add(Problem.at(positions.at(where), "wrong type: " + expected(e), typeFix(e)));
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
      path = r.getFieldName() != null ? SourceMap.child(path, r.getFieldName()) : SourceMap.index(path, r.getIndex());
    }
    return path;
  }

  private static String expected(MismatchedInputException e) {
    Class<?> t = e.getTargetType();
    String want;
    if (t == null) {
      want = "another type";
    } else if (List.class.isAssignableFrom(t)) {
      want = "a list";
    } else if (java.util.Map.class.isAssignableFrom(t) || t.isRecord()) {
      want = "a mapping";
    } else if (t == Integer.class || t == int.class) {
      want = "a whole number";
    } else if (t == Boolean.class || t == boolean.class) {
      want = "true or false";
    } else {
      want = "a string";
    }
    return "expected " + want;
  }

  private static String typeFix(MismatchedInputException e) {
    // An unquoted {version} is a YAML flow mapping; the most common mistake in a format.
    if (e.getTargetType() == String.class) {
      return "quote the value, e.g. tag: \"v{version}\"";
    }
    return "see docs/graph-format.md";
  }

  /** Records unknown keys with a suggestion and skips them, so reading goes on. */
  private final class UnknownKeys extends DeserializationProblemHandler {
    @Override
    public boolean handleUnknownProperty(
        DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer, Object bean, String name)
        throws IOException {
      List<String> known = new ArrayList<>();
      for (Object k : deserializer.getKnownPropertyNames()) {
        if (!k.equals("kind")) {
          known.add(k.toString());
        }
      }
      String path = currentPrefix + contextPath(p.getParsingContext());
      if (!path.endsWith(name)) {
        path = SourceMap.child(path, name);
      }
      problems.add(Problem.at(positions.at(path), "unknown key '" + name + "'", Suggest.hint(name, known)));
      p.skipChildren();
      return true;
    }
  }

  private static String contextPath(JsonStreamContext ctx) {
    List<JsonStreamContext> chain = new ArrayList<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      chain.add(0, c);
    }
    String path = "";
    for (JsonStreamContext c : chain) {
      if (c.inArray()) {
        path = SourceMap.index(path, Math.max(0, c.getCurrentIndex()));
      } else if (c.inObject() && c.getCurrentName() != null) {
        path = path.isEmpty() ? "." + c.getCurrentName() : SourceMap.child(path, c.getCurrentName());
      }
    }
    if (path.startsWith(".")) {
      return path;
    }
    return path.isEmpty() ? "" : (path.startsWith("[") ? path : "." + path);
  }
}

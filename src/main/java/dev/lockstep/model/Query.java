package dev.lockstep.model;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Optional;

/**
 * What a locator looks for inside its file. Each record names its file format through {@link
 * #accept}: a new query record must add a {@link Visitor} method, and then every visitor (the
 * format registry in {@code locate}) fails to compile until it handles the new record.
 */
public sealed interface Query {

  /** The form of the query as the graph wrote it, for messages. */
  String describe();

  <R> R accept(Visitor<R> visitor);

  /** One method per query record; the only way code tells queries apart. */
  interface Visitor<R> {
    R yaml(Yaml query);

    R json(Json query);

    R regex(Regex query);
  }

  /**
   * A YAML path: dot keys, {@code [n]}, {@code [key=value]}, quoted keys ({@code ["a:b"]}); in a
   * multi-document file, {@code document} picks documents (by index or {@code key=value}).
   */
  record Yaml(String text, List<YamlStep> steps, Optional<DocumentSelector> document)
      implements Query {
    public Yaml {
      steps = List.copyOf(steps);
    }

    @Override
    public String describe() {
      return "yaml: " + text + document.map(d -> " (document " + d + ")").orElse("");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.yaml(this);
    }
  }

  /** A JSON pointer (RFC 6901). */
  record Json(String pointer, List<String> tokens) implements Query {
    public Json {
      tokens = List.copyOf(tokens);
    }

    @Override
    public String describe() {
      return "json: " + pointer;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.json(this);
    }
  }

  /**
   * A linear-time (RE2) pattern whose named group {@code version} is the value. Multi-line mode.
   */
  record Regex(String text, Pattern pattern) implements Query {
    @Override
    public String describe() {
      return "regex: " + text;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.regex(this);
    }
  }

  /** One step of a YAML path. */
  sealed interface YamlStep {
    record Key(String name) implements YamlStep {
      @Override
      public String toString() {
        return "." + name;
      }
    }

    record Index(int index) implements YamlStep {
      @Override
      public String toString() {
        return "[" + index + "]";
      }
    }

    /** A sequence element that is a mapping whose {@code key} holds {@code value}. */
    record Match(String key, String value) implements YamlStep {
      @Override
      public String toString() {
        return "[" + key + "=" + value + "]";
      }
    }
  }

  /** Picks documents in a multi-document YAML file. */
  sealed interface DocumentSelector {
    record ByIndex(int index) implements DocumentSelector {
      @Override
      public String toString() {
        return Integer.toString(index);
      }
    }

    /**
     * Documents whose value at the dot path {@code key} equals {@code value}, e.g. {@code
     * metadata.name=ocm}.
     */
    record ByField(List<YamlStep> path, String text, String value) implements DocumentSelector {
      @Override
      public String toString() {
        return text + "=" + value;
      }
    }
  }
}

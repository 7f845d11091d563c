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
   * A linear-time (RE2) pattern whose named group {@code version} is the value: the graph's text
   * and its RE2 spelling. One the loader knows to be valid is compiled (multi-line) at first use,
   * so a pattern that a format matches without the engine is never compiled.
   */
  final class Regex implements Query {
    private final String text;
    private final String re2;
    private final int flags;
    private volatile Pattern pattern;

    /** A compiled pattern, as the graph wrote it in {@code text}. */
    public Regex(String text, Pattern pattern) {
      this.text = text;
      this.re2 = pattern.pattern();
      this.flags = pattern.flags();
      this.pattern = pattern;
    }

    private Regex(String text, String re2) {
      this.text = text;
      this.re2 = re2;
      this.flags = Pattern.MULTILINE;
    }

    /** {@code re2}, compiled multi-line when first asked for: the caller knows it compiles. */
    public static Regex compiledLater(String text, String re2) {
      return new Regex(text, re2);
    }

    public String text() {
      return text;
    }

    /** The pattern in RE2's syntax ({@code (?P<version>...)}). */
    public String re2() {
      return re2;
    }

    public int flags() {
      return flags;
    }

    public Pattern pattern() {
      Pattern p = pattern;
      if (p == null) {
        p = Pattern.compile(re2, flags);
        pattern = p; // racing threads compile equal patterns; either may be kept
      }
      return p;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Regex r && text.equals(r.text) && re2.equals(r.re2) && flags == r.flags;
    }

    @Override
    public int hashCode() {
      return (text.hashCode() * 31 + re2.hashCode()) * 31 + flags;
    }

    @Override
    public String toString() {
      return "Regex[text=" + text + ", flags=" + flags + "]";
    }

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

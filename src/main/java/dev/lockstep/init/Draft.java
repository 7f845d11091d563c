package dev.lockstep.init;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What init drafts, before it is written as YAML: repos, artifacts and their references. */
final class Draft {
  final List<DRepo> repos = new ArrayList<>();
  final List<DArtifact> artifacts = new ArrayList<>();

  /** What init saw but could not model, one line each. */
  final List<String> notModelled = new ArrayList<>();

  Optional<DArtifact> artifact(String id) {
    return artifacts.stream().filter(a -> a.id.equals(id)).findFirst();
  }

  boolean hasId(String id) {
    return repos.stream().anyMatch(r -> r.id.equals(id)) || artifact(id).isPresent();
  }

  /** A unique id: {@code base}, else {@code prefix-base}, else with a number. */
  String uniqueId(String base, String prefix) {
    if (!hasId(base)) {
      return base;
    }
    if (prefix != null && !hasId(prefix + "-" + base)) {
      return prefix + "-" + base;
    }
    for (int i = 2; ; i++) {
      if (!hasId(base + "-" + i)) {
        return base + "-" + i;
      }
    }
  }

  static final class DRepo {
    String id;
    String path;
    String url;
    String tag;
    final List<String> exclude = new ArrayList<>();
    final List<String> excludeWhy = new ArrayList<>();
    String why;
  }

  static final class DArtifact {
    String id;
    String kind;
    String repo;
    String path;
    String name;
    String tag;
    String publish;
    String version;
    String appVersion;
    String placeholder;
    String appPlaceholder;
    final List<String> dependencies = new ArrayList<>();
    String externalVersion;
    String externalRepository;
    String externalChart;
    String comment;
    final List<String> why = new ArrayList<>();
    final List<DRef> uses = new ArrayList<>();
  }

  static final class DRef {
    String to;
    String format;
    String placeholder;
    String stamp;
    final List<DLoc> at = new ArrayList<>();

    /** Why it is written commented out; null when it is live. */
    String unsure;

    String why;
  }

  /** One locator: exactly one of yaml, json, regex, chart is set. */
  static final class DLoc {
    String file;
    String yaml;
    String json;
    String regex;
    String chart;
    Integer document;
    int count = 1;
    String format;

    /** The 1-based lines it matches and the values there, for explain and for the checks. */
    final List<Integer> lines = new ArrayList<>();

    final List<String> values = new ArrayList<>();

    String key() {
      return file + "|" + yaml + "|" + json + "|" + regex + "|" + chart + "|" + document;
    }
  }
}

package dev.lockstep.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.init.Draft.DArtifact;
import dev.lockstep.init.Draft.DLoc;
import dev.lockstep.init.Draft.DRef;
import dev.lockstep.init.Draft.DRepo;
import dev.lockstep.init.Drafter.Cand;
import dev.lockstep.model.Version;
import dev.lockstep.model.VersionFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns the places found into artifacts and references: pins, formats, stamps, doubts. */
final class Assembly {
  private Assembly() {}

  static void assemble(Drafter d) {
    Draft draft = d.draft;
    List<Cand> cands = new ArrayList<>(d.cands());
    cands.sort(Drafter.ORDER);
    Map<Cand, String> unsure = new HashMap<>();
    historical(d, cands, unsure);
    externalPins(draft, cands, unsure);
    chartFormats(draft, cands);
    Map<String, DArtifact> fromByFile = new LinkedHashMap<>();
    Map<String, DRef> refs = new LinkedHashMap<>();
    for (Cand c : cands) {
      DArtifact from = fromArtifact(d, c, fromByFile);
      String stamp = stamp(d, c);
      String key = from.id + "|" + c.target() + "|" + stamp + "|" + (unsure.get(c) != null);
      DRef ref = refs.get(key);
      if (ref == null) {
        ref = new DRef();
        ref.to = c.target();
        ref.stamp = stamp;
        ref.unsure = unsure.get(c);
        ref.why = c.why();
        refs.put(key, ref);
        from.uses.add(ref);
      }
      ref.at.add(c.loc());
    }
    for (DArtifact a : draft.artifacts) {
      for (DRef r : a.uses) {
        formats(draft, r);
      }
    }
    // External charts nobody names at a version are not worth a line.
    draft.artifacts.removeIf(
        a -> a.repo == null && "chart".equals(a.kind) && a.externalVersion == null);
  }

  /** A file that names one artifact at several versions is a history, not a pin. */
  private static void historical(Drafter d, List<Cand> cands, Map<Cand, String> unsure) {
    Map<String, Set<String>> versions = new LinkedHashMap<>();
    for (Cand c : cands) {
      for (String v : c.loc().values) {
        Texts.versionOf(v)
            .ifPresent(
                x ->
                    versions.computeIfAbsent(key(c), k -> new LinkedHashSet<>()).add(x.toString()));
      }
    }
    Set<String> excluded = new LinkedHashSet<>();
    for (Cand c : cands) {
      Set<String> vs = versions.getOrDefault(key(c), Set.of());
      if (vs.size() > 1) {
        unsure.put(
            c,
            c.file()
                + " names "
                + c.target()
                + " at "
                + String.join(" and ", vs)
                + ": a history? (left out of the scan)");
        if (excluded.add(c.repo().id + "|" + c.file())) {
          DRepo repo =
              draft(d).repos.stream().filter(r -> r.id.equals(c.repo().id)).findFirst().get();
          repo.exclude.add(c.file());
          repo.excludeWhy.add(
              "names " + c.target() + " at " + String.join(", ", vs) + ": historical?");
        }
      }
    }
  }

  private static Draft draft(Drafter d) {
    return d.draft;
  }

  private static String key(Cand c) {
    return c.repo().id + "|" + c.file() + "|" + c.target();
  }

  /** An external artifact is pinned at the version most places name; others are doubts. */
  private static void externalPins(Draft draft, List<Cand> cands, Map<Cand, String> unsure) {
    for (DArtifact a : draft.artifacts) {
      if (a.repo != null) {
        continue;
      }
      Map<String, Integer> counts = new LinkedHashMap<>();
      Map<String, Integer> formats = new LinkedHashMap<>();
      List<Cand> mine =
          cands.stream().filter(c -> c.target().equals(a.id) && !unsure.containsKey(c)).toList();
      for (Cand c : mine) {
        for (String v : c.loc().values) {
          String f = c.loc().format;
          String bare = f.contains(":") && a.name != null ? f.substring(f.lastIndexOf(':') + 1) : f;
          versionAt(c.loc().format, v).ifPresent(x -> counts.merge(x.toString(), 1, Integer::sum));
          formats.merge(bare.replace("@{digest}", ""), 1, Integer::sum);
        }
      }
      if (counts.isEmpty()) {
        continue;
      }
      String pin = counts.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
      a.externalVersion = pin;
      if (a.name != null) {
        a.tag = formats.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
      }
      if (counts.size() > 1) {
        String all = String.join(" and ", counts.keySet());
        for (Cand c : mine) {
          boolean other =
              c.loc().values.stream()
                  .anyMatch(
                      v ->
                          !versionAt(c.loc().format, v)
                              .map(x -> x.toString().equals(pin))
                              .orElse(false));
          if (other) {
            unsure.put(
                c,
                counts.values().stream().mapToInt(Integer::intValue).sum()
                    + " places name "
                    + (a.name != null ? a.name : a.id)
                    + " at "
                    + all
                    + ": a disagreement or two roles?");
          }
        }
      }
    }
  }

  static Optional<Version> versionAt(String format, String value) {
    try {
      return VersionFormat.of(format).parse(value).map(VersionFormat.Written::version);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A placeholder chart's version format, as the commands that install it write it. */
  private static void chartFormats(Draft draft, List<Cand> cands) {
    for (DArtifact a : draft.artifacts) {
      if (!"chart".equals(a.kind) || a.repo == null || a.version != null) {
        continue;
      }
      long v =
          cands.stream()
              .filter(c -> c.target().equals(a.id) && c.direct())
              .filter(c -> c.loc().format.startsWith("v"))
              .count();
      long plain =
          cands.stream()
              .filter(c -> c.target().equals(a.id) && c.direct())
              .filter(c -> c.loc().format.startsWith("{"))
              .count();
      a.version = v > plain ? "v{version}" : "{version}";
      if (a.appVersion != null && a.appPlaceholder != null) {
        a.appVersion = a.version;
      }
    }
  }

  private static final Pattern HOOK_KIND =
      Pattern.compile("(?m)^kind:\\s*(PostCreateHook|Promise)\\s*$");

  private static DArtifact fromArtifact(Drafter d, Cand c, Map<String, DArtifact> byFile) {
    String key = c.repo().id + "|" + c.file();
    DArtifact a = byFile.get(key);
    if (a != null) {
      return a;
    }
    for (DArtifact x : d.draft.artifacts) {
      if ("chart".equals(x.kind) && c.repo().id.equals(x.repo)) {
        String dir = x.path.equals(".") ? "" : x.path + "/";
        if (c.file().startsWith(dir) && !c.file().substring(dir.length()).contains("/")) {
          byFile.put(key, x);
          return x;
        }
      }
    }
    a = new DArtifact();
    String text = c.repo().files.get(c.file());
    a.kind = HOOK_KIND.matcher(text).find() ? "hook" : "file";
    a.repo = c.repo().id;
    a.path = c.file();
    String base = c.file().substring(c.file().lastIndexOf('/') + 1);
    String stem =
        base.contains(".") && !base.equals("go.mod") && base.lastIndexOf('.') > 0
            ? base.substring(0, base.lastIndexOf('.'))
            : base;
    stem = stem.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    if (stem.isEmpty()) {
      stem = "file";
    }
    a.id = d.draft.uniqueId(a.kind.equals("hook") ? stem + "-hook" : stem, c.repo().id);
    a.why.add(
        a.kind.equals("hook")
            ? "a manifest of kind PostCreateHook or Promise that names versions"
            : "a file that names versions");
    d.draft.artifacts.add(a);
    byFile.put(key, a);
    return a;
  }

  /**
   * {@code regular} for the repo's own release at a place that skipped its last pre-release: at
   * that tag the place still named the regular release before it.
   */
  private static String stamp(Drafter d, Cand c) {
    Checkout r = c.repo();
    boolean self =
        c.target().equals(r.id)
            || d.draft.artifact(c.target()).map(a -> r.id.equals(a.repo)).orElse(false);
    if (!self) {
      return null;
    }
    Optional<Version> rc = r.releases.stream().filter(v -> !v.isRegular()).findFirst();
    if (rc.isEmpty()) {
      return null;
    }
    Optional<String> old = r.at(rc.get(), c.file());
    if (old.isEmpty()) {
      return null;
    }
    Set<String> now = new java.util.HashSet<>(c.loc().values);
    for (String v : valuesIn(c.loc(), old.get())) {
      Optional<Version> x = versionAt(c.loc().format, v);
      if (x.isPresent()
          && x.get().isRegular()
          && x.get().compareTo(rc.get()) < 0
          && !now.contains(v)) {
        return "regular";
      }
    }
    return null;
  }

  /** The values a locator finds in a text, read the way init found them. */
  static List<String> valuesIn(DLoc l, String text) {
    List<String> out = new ArrayList<>();
    if (l.regex != null) {
      com.google.re2j.Matcher m = com.google.re2j.Pattern.compile("(?m)" + l.regex).matcher(text);
      while (m.find()) {
        if (m.group("version") != null) {
          out.add(m.group("version"));
        }
      }
    } else if (l.yaml != null) {
      YamlScan.parse(text)
          .ifPresent(
              p ->
                  p.scalars().stream()
                      .filter(s -> s.path().equals(l.yaml))
                      .filter(s -> l.document == null || s.document() == l.document)
                      .forEach(s -> out.add(s.value())));
    } else if (l.json != null) {
      try {
        JsonNode n = new ObjectMapper().readTree(text).at(l.json);
        if (n.isValueNode()) {
          out.add(n.asText());
        }
      } catch (Exception e) {
        // an older text that is not JSON holds no value
      }
    }
    return out;
  }

  /** Formats said once: on the reference when its places agree, on a locator otherwise. */
  private static void formats(Draft draft, DRef r) {
    String target = defaultFormat(draft, r.to);
    Map<String, Integer> counts = new LinkedHashMap<>();
    r.at.stream()
        .filter(l -> l.format != null)
        .forEach(l -> counts.merge(l.format, 1, Integer::sum));
    if (counts.isEmpty()) {
      return;
    }
    String common = counts.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
    r.format = common.equals(target) ? null : common;
    String effective = r.format == null ? target : r.format;
    for (DLoc l : r.at) {
      if (effective.equals(l.format)) {
        l.format = null;
      }
    }
  }

  static String defaultFormat(Draft draft, String id) {
    for (DRepo r : draft.repos) {
      if (r.id.equals(id)) {
        return r.tag == null ? "v{version}" : r.tag;
      }
    }
    Optional<DArtifact> a = draft.artifact(id);
    if (a.isEmpty()) {
      return "{version}";
    }
    return switch (a.get().kind) {
      case "image" -> a.get().tag == null ? "{version}" : a.get().tag;
      case "chart" -> a.get().version == null ? "{version}" : a.get().version;
      default -> "{version}";
    };
  }

  static final Comparator<DArtifact> BY_ID = Comparator.comparing(a -> a.id);
}

package dev.lockstep.online;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lockstep.model.Artifact;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Source;
import dev.lockstep.model.Version;
import dev.lockstep.model.VersionFormat;
import dev.lockstep.oci.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * {@code lockstep outdated}: for every enabled external image and chart that pins a version, lists
 * the versions where it is published (the OCI tag list of its repository, or a Helm repository's
 * {@code index.yaml}) and finds the newest one. Only values that parse in the artifact's format (a
 * leading {@code v} accepted) are versions; floating tags such as {@code latest} never are.
 * Pre-releases count only when asked for. A failed lookup is a failed check, never "up to date".
 */
public final class Outdated {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Outdated() {}

  public static OutdatedReport check(
      ReleaseGraph graph, OnlineOptions given, boolean includePrereleases) {
    OnlineOptions options = given.withMirrors(graph.mirrors());
    Targets targets = new Targets(graph, options);
    Map<String, Integer> pinLines = pinLines(graph);
    List<Future<OutdatedCheck>> futures = new ArrayList<>();
    List<OutdatedCheck> checks = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Map<dev.lockstep.model.ArtifactId, List<Pin>> filePins = filePins(graph);
    try (Lookups lookups = new Lookups(options)) {
      for (Artifact a : graph.artifacts().values()) {
        List<Pin> pins = new ArrayList<>(filePins.getOrDefault(a.id(), List.of()));
        if (a.pinned().isPresent()) {
          Source at =
              Optional.ofNullable(pinLines.get(a.id().value()))
                  .map(
                      line ->
                          Source.at(
                              a.source().file(),
                              line,
                              1,
                              a.source().yamlPath() + ".external.version"))
                  .orElse(a.source());
          pins.add(0, new Pin(a.pinned().get(), at));
        }
        if (a.isExternal() && !pins.isEmpty() && format(a).isPresent()) {
          if (!a.enabled()) {
            skipped.add(
                "outdated skipped disabled "
                    + a.kind().label()
                    + " "
                    + a.id()
                    + " ("
                    + a.disabled().get()
                    + ")");
          } else if (onlyDisabledUse(graph, a)) {
            skipped.add(
                "outdated skipped "
                    + a.kind().label()
                    + " "
                    + a.id()
                    + ": only disabled artifacts use it ("
                    + String.join(
                        ", ",
                        graph.referencesTo(a.id()).stream()
                            .map(r -> r.from().value())
                            .distinct()
                            .toList())
                    + ")");
          }
        }
        if (!a.enabled()
            || !a.isExternal()
            || pins.isEmpty()
            || format(a).isEmpty()
            || onlyDisabledUse(graph, a)) {
          continue;
        }
        Targets.External ext = targets.external(a.id());
        for (Pin pin : pins) {
          Lookup where =
              ext.git().isPresent()
                  ? new Lookup.GitTag(a.id(), Optional.empty(), ext.git(), pin.version().toString())
                  : targets.resolve(a.id(), pin.version(), Optional.empty());
          futures.add(
              lookups.submit(
                  () -> one(a, pin.version(), pin.at(), where, ext, lookups, includePrereleases)));
        }
      }
      for (Future<OutdatedCheck> f : futures) {
        checks.add(
            Lookups.await(
                f,
                e -> {
                  throw new IllegalStateException(Lookups.message(e), e);
                }));
      }
    }
    return new OutdatedReport(checks, skipped);
  }

  /** A version of record and where it is written. */
  record Pin(Version version, Source at) {}

  /**
   * The {@code pin: true} places of each external artifact that enabled artifacts declare, read
   * from the checkouts: a pin file ({@code default_versions.json}) is the version of record of its
   * repo, reported at its own {@code file:line}.
   */
  static Map<dev.lockstep.model.ArtifactId, List<Pin>> filePins(ReleaseGraph graph) {
    boolean any = graph.references().stream().anyMatch(r -> r.at().stream().anyMatch(l -> l.pin()));
    Map<dev.lockstep.model.ArtifactId, List<Pin>> out = new LinkedHashMap<>();
    if (!any) {
      return out;
    }
    for (dev.lockstep.survey.Reading r : dev.lockstep.survey.Survey.of(graph).readings()) {
      if (!r.isPin() || r.version().isEmpty()) {
        continue;
      }
      Source at = Source.at(r.place().file().absolute(), r.place().line(), r.place().column(), "");
      List<Pin> pins = out.computeIfAbsent(r.target(), k -> new ArrayList<>());
      if (pins.stream().noneMatch(p -> p.at().equals(at))) {
        pins.add(new Pin(r.version().get(), at));
      }
    }
    return out;
  }

  /** True when every artifact that refers to {@code a} is disabled (and at least one does). */
  static boolean onlyDisabledUse(ReleaseGraph graph, Artifact a) {
    var refs = graph.referencesTo(a.id());
    return !refs.isEmpty()
        && refs.stream()
            .allMatch(r -> graph.artifact(r.from()).map(f -> !f.enabled()).orElse(false));
  }

  private static OutdatedCheck one(
      Artifact a,
      Version pinned,
      Source at,
      Lookup where,
      Targets.External ext,
      Lookups lookups,
      boolean includePrereleases) {
    String kind = a.kind().label();
    String place = where.display();
    String url = place;
    List<String> written;
    try {
      if (where instanceof Lookup.GitTag g) {
        url = Lookups.redact(g.url().orElseThrow());
        place = "git " + url;
        try {
          written = new ArrayList<>(lookups.remoteTags(g.url().get()).keySet());
        } catch (IOException e) {
          throw new IOException("git ls-remote --tags " + url + ": " + lookups.cause(e), e);
        }
        if (written.isEmpty()) {
          return OutdatedCheck.failed(a.id(), kind, pinned, place, at, url + " has no tags");
        }
      } else if (where instanceof Lookup.RegistryTag t) {
        place = t.name().toString();
        String repository = t.name().repository();
        String host = t.name().apiHost();
        url =
            (lookups.options().plainHttp(host) ? "http://" : "https://")
                + host
                + "/v2/"
                + repository
                + "/tags/list";
        try {
          written = lookups.onRegistry(host, c -> c.tags(repository));
        } catch (RegistryException e) {
          throw new IOException("GET " + url + ": " + e.withCause(), e);
        } catch (IOException e) {
          throw new IOException("GET " + url + ": " + lookups.cause(e), e);
        }
        if (written.isEmpty()) {
          return OutdatedCheck.failed(
              a.id(),
              kind,
              pinned,
              place,
              at,
              "no tags in " + place + " (the repository does not exist or is empty)");
        }
      } else if (where instanceof Lookup.HelmIndex h) {
        place = "chart " + h.chart() + " in " + Lookups.redact(h.url());
        written = new ArrayList<>(lookups.helmVersions(h.url(), h.chart()));
        written.remove("");
        if (written.isEmpty()) {
          return OutdatedCheck.failed(
              a.id(),
              kind,
              pinned,
              place,
              at,
              Lookups.redact(h.url()) + "/index.yaml has no chart " + h.chart());
        }
      } else {
        Lookup.Unresolvable u = (Lookup.Unresolvable) where;
        return OutdatedCheck.failed(a.id(), kind, pinned, place, at, u.reason());
      }
    } catch (IOException e) {
      return OutdatedCheck.failed(
          a.id(),
          kind,
          pinned,
          place,
          at,
          "cannot list the versions in " + place + ": " + Lookups.redact(Lookups.message(e)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OutdatedCheck.failed(a.id(), kind, pinned, place, at, "interrupted");
    }
    VersionFormat format = format(a).orElseThrow();
    boolean ociChart = a.asChart().isPresent() && where instanceof Lookup.RegistryTag;
    Version best = null;
    String bestTag = null;
    for (String w : written) {
      Optional<Version> v = parse(format, ociChart ? w.replace('_', '+') : w);
      if (v.isEmpty()
          || !ext.admits(w)
          || (!includePrereleases && !v.get().isRegular())
          || !v.get().identity().equals(pinned.identity())) {
        continue; // a loose version moves within its suffix: 3.19-alpine to 3.20-alpine
      }
      if (best == null || v.get().compareTo(best) > 0) {
        best = v.get();
        bestTag = w;
      }
    }
    if (best == null) {
      return OutdatedCheck.failed(
          a.id(),
          kind,
          pinned,
          place,
          at,
          "none of the "
              + written.size()
              + " "
              + (where instanceof Lookup.HelmIndex ? "versions" : "tags")
              + " in "
              + place
              + " is a "
              + (includePrereleases ? "" : "stable ")
              + "version in the format "
              + format
              + (ext.allow().isPresent() || ext.ignore().isPresent()
                  ? " that allow:/ignore: admit"
                  : ""));
    }
    return OutdatedCheck.found(a.id(), kind, pinned, place, at, best, bestTag);
  }

  /**
   * How versions of the artifact are written where it is published (an image tag has no digest);
   * empty for a kind that is not published on its own.
   */
  static Optional<VersionFormat> format(Artifact a) {
    return a.match(
        i -> {
          VersionFormat f = i.tagFormat();
          return Optional.of(
              f.hasDigest()
                  ? VersionFormat.of(
                      f.template().replace("@{digest}", "").replace("{digest}", ""), f.scheme())
                  : f);
        },
        c -> Optional.of(c.versionFormat()),
        h -> Optional.empty(),
        f -> Optional.empty(),
        s -> Optional.empty());
  }

  /**
   * The version a tag holds in {@code format}, a leading {@code v} accepted; floating tags hold
   * none.
   */
  static Optional<Version> parse(VersionFormat format, String written) {
    if (format.scheme().isFloating(written)) {
      return Optional.empty();
    }
    Optional<VersionFormat.Written> w = format.parse(written);
    if (w.isEmpty() && written.matches("v\\d.*")) {
      w = format.parse(written.substring(1));
    }
    return w.map(VersionFormat.Written::version);
  }

  /** The line of each {@code artifacts.ID.external.version} in the graph file, by artifact id. */
  static Map<String, Integer> pinLines(ReleaseGraph graph) {
    Map<String, Integer> out = new HashMap<>();
    if (graph.file() == null || !Files.isRegularFile(graph.file())) {
      return out;
    }
    try (JsonParser p = YAML.getFactory().createParser(graph.file().toFile())) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (!t.isScalarValue()) {
          continue;
        }
        String[] path = p.getParsingContext().pathAsPointer().toString().split("/", -1);
        if (path.length == 5
            && path[1].equals("artifacts")
            && path[3].equals("external")
            && path[4].equals("version")) {
          out.putIfAbsent(
              path[2].replace("~1", "/").replace("~0", "~"), p.getTokenLocation().getLineNr());
        }
      }
    } catch (IOException e) {
      return new LinkedHashMap<>(); // the graph loaded; without lines the artifact's own line is
      // shown
    }
    return out;
  }
}

package dev.lockstep.chartrender;

import dev.lockstep.model.Artifact;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.Floating;
import dev.lockstep.model.ImageArtifact;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Version;
import dev.lockstep.model.VersionFormat;
import dev.lockstep.verify.Finding;
import dev.lockstep.verify.Location;
import dev.lockstep.verify.Reading;
import dev.lockstep.verify.Rule;
import dev.lockstep.verify.Survey;
import dev.lockstep.verify.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code verify --render}: renders each enabled, checked-out chart of ours with Helm and checks
 * every image it would run against the graph. This finds derived references such as {@code image:
 * "{{ .Values.image.repository }}:{{ .Values.image.tag }}"}: a rendered tag that floats, that
 * differs from the version the chart's declared reference reads, or a known image the chart runs
 * without declaring a reference to it.
 */
public final class RenderCheck {
  private RenderCheck() {}

  /**
   * The report of {@code offline} (plain or {@code --online} verify, made from {@code survey}) plus
   * the render findings.
   */
  public static VerifyReport extend(ReleaseGraph graph, Survey survey, VerifyReport offline) {
    long start = System.nanoTime();
    List<Finding> findings = new ArrayList<>(offline.findings());
    findings.addAll(run(graph, survey.readings(), ChartRenderer::render));
    findings.sort(Finding.ORDER);
    long millis = offline.millis() + (System.nanoTime() - start) / 1_000_000;
    return new VerifyReport(
        offline.graphFile(),
        findings,
        offline.repos(),
        offline.skippedRepos(),
        offline.references(),
        offline.places(),
        offline.filesScanned(),
        millis);
  }

  static List<Finding> run(
      ReleaseGraph graph, List<Reading> readings, Function<Path, ChartRenderer.Rendered> renderer) {
    Map<String, ImageArtifact> images = new LinkedHashMap<>();
    for (Artifact a : graph.artifacts().values()) {
      if (a instanceof ImageArtifact i && a.enabled()) {
        images.putIfAbsent(i.name(), i);
      }
    }
    List<Finding> out = new ArrayList<>();
    for (Artifact a : graph.artifacts().values()) {
      if (!(a instanceof ChartArtifact c) || !c.enabled() || c.repo().isEmpty()) {
        continue;
      }
      Optional<Repo> repo = graph.repo(c.repo().get());
      if (repo.isEmpty() || !Files.isDirectory(repo.get().root())) {
        continue; // reported as repo.not-checked-out
      }
      Path dir = repo.get().root().resolve(c.path().isEmpty() ? "." : c.path()).normalize();
      if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
        continue; // reported by the survey, which reads the chart's Chart.yaml
      }
      if (leavesRepo(repo.get(), c.path())) {
        continue; // a link out of the repo: reported by the survey, and never rendered
      }
      out.addAll(chart(c, dir, images, readings, renderer));
    }
    return out;
  }

  private static boolean leavesRepo(Repo repo, String chartPath) {
    try {
      return !new dev.lockstep.locate.RepoFiles(repo.root()).leavingLinks(chartPath).isEmpty();
    } catch (java.io.IOException e) {
      return true;
    }
  }

  private static List<Finding> chart(
      ChartArtifact c,
      Path dir,
      Map<String, ImageArtifact> images,
      List<Reading> readings,
      Function<Path, ChartRenderer.Rendered> renderer) {
    Location declared = Location.of(c.source(), "chart " + c.id());
    ChartRenderer.Rendered rendered = renderer.apply(dir);
    List<RenderedImages.Image> found;
    try {
      found =
          rendered.manifests().isPresent() ? RenderedImages.of(rendered.manifests().get()) : null;
    } catch (YAMLException e) {
      rendered =
          new ChartRenderer.Rendered(
              Optional.empty(),
              Optional.of(
                  "the rendered output does not parse as YAML: "
                      + ChartRenderer.firstLine(e.getMessage())));
      found = null;
    }
    if (found == null) {
      return List.of(
          Finding.of(
              Rule.RENDER_FAILED,
              "chart " + c.id() + " does not render: " + rendered.error().get(),
              "fix the chart so that `helm template` succeeds with its default values",
              declared));
    }
    List<Finding> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (RenderedImages.Image image : found) {
      RenderedImages.Ref ref = RenderedImages.Ref.parse(image.text());
      ImageArtifact target = images.get(ref.name());
      if (target == null || !seen.add(image.text())) {
        continue; // an image the graph does not know, or one already checked
      }
      String where = image.source().isEmpty() ? "" : " (" + image.source() + ")";
      String tag = ref.tag().orElse("");
      List<Reading> mine =
          readings.stream()
              .filter(r -> r.from().equals(c.id()) && r.target().equals(target.id()))
              .toList();
      if (Floating.is(tag)) {
        out.add(
            Finding.of(
                Rule.RENDER_FLOATING,
                "chart "
                    + c.id()
                    + " renders "
                    + image.text()
                    + where
                    + (tag.isEmpty() ? " with no tag" : ", whose tag '" + tag + "' floats")
                    + "; it names no release of "
                    + target.id(),
                "make the template write a released tag ("
                    + target.tagFormat()
                    + "), from a values key that a reference"
                    + " of the chart locates",
                declared));
      } else if (mine.isEmpty()) {
        out.add(
            Finding.of(
                Rule.RENDER_UNDECLARED,
                "chart "
                    + c.id()
                    + " renders "
                    + image.text()
                    + where
                    + ", but the graph declares no reference from "
                    + c.id()
                    + " to "
                    + target.id(),
                "add to "
                    + c.id()
                    + " a reference to "
                    + target.id()
                    + " with a yaml locator on the values key the tag"
                    + " comes from (e.g. { file: "
                    + valuesYaml(c)
                    + ", yaml: .image.tag })",
                declared));
      } else {
        List<Reading> literal = mine.stream().filter(r -> r.version().isPresent()).toList();
        Optional<Version> version = parse(target.tagFormat(), tag, ref.digest());
        if (!literal.isEmpty()
            && (version.isEmpty()
                || literal.stream().noneMatch(r -> r.version().equals(version)))) {
          Reading first = literal.get(0);
          List<Location> locations = new ArrayList<>();
          locations.add(declared);
          literal.forEach(r -> locations.add(Location.of(r.site(), r.version().get().toString())));
          out.add(
              Finding.of(
                  Rule.RENDER_MISMATCH,
                  "chart "
                      + c.id()
                      + " renders "
                      + image.text()
                      + where
                      + " but its values name "
                      + first.version().get()
                      + " at "
                      + first.site().file().path()
                      + ":"
                      + first.site().line(),
                  "make the template take the tag from the located values key, or locate the key the template reads",
                  locations));
        }
      }
    }
    return out;
  }

  private static Optional<Version> parse(
      VersionFormat format, String tag, Optional<String> digest) {
    if (format.hasDigest() && digest.isPresent()) {
      Optional<VersionFormat.Written> w = format.parse(tag + "@" + digest.get());
      if (w.isPresent()) {
        return Optional.of(w.get().version());
      }
    }
    return format.parse(tag).map(VersionFormat.Written::version);
  }

  private static String valuesYaml(ChartArtifact c) {
    return c.path().isEmpty() || c.path().equals(".") ? "values.yaml" : c.path() + "/values.yaml";
  }
}

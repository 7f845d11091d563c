package dev.lockstep.verify;

import dev.lockstep.exec.chart.ChartRenderer;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.Floating;
import dev.lockstep.model.ImageArtifact;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Version;
import dev.lockstep.model.VersionFormat;
import dev.lockstep.oci.ImageName;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Rule;
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

  /** The check {@code verify --render} adds to the gate. Loads Helm when it runs. */
  public static final Check CHECK =
      context -> run(context.graph(), context.readings(), ChartRenderer::render);

  /**
   * The image name a text names, if it is one ({@code nginx} and {@code docker.io/library/nginx}
   * are the same).
   */
  private static Optional<ImageName> nameOf(String text) {
    try {
      return Optional.of(ImageName.parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static List<Finding> run(
      ReleaseGraph graph, List<Reading> readings, Function<Path, ChartRenderer.Rendered> renderer) {
    Map<String, ImageArtifact> images = new LinkedHashMap<>();
    for (ImageArtifact i : graph.images()) {
      if (i.enabled()) {
        nameOf(i.name()).ifPresent(n -> images.putIfAbsent(n.repositoryName(), i));
      }
    }
    List<Finding> out = new ArrayList<>();
    for (ChartArtifact c : graph.charts()) {
      if (!c.enabled() || c.repo().isEmpty()) {
        continue;
      }
      Optional<Repo> repo = graph.repo(c.repo().get());
      if (repo.isEmpty() || repo.get().checkout().isEmpty()) {
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
      Optional<ImageName> ref = nameOf(image.text());
      ImageArtifact target = ref.map(r -> images.get(r.repositoryName())).orElse(null);
      if (target == null || !seen.add(image.text())) {
        continue; // an image the graph does not know, or one already checked
      }
      String where = image.source().isEmpty() ? "" : " (" + image.source() + ")";
      String tag = ref.get().tag().orElse("");
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
        Optional<Version> version = parse(target.tagFormat(), tag, ref.get().digest());
        if (!literal.isEmpty()
            && (version.isEmpty()
                || literal.stream().noneMatch(r -> r.version().equals(version)))) {
          Reading first = literal.get(0);
          List<Location> locations = new ArrayList<>();
          locations.add(declared);
          literal.forEach(r -> locations.add(Location.of(r.place(), r.version().get().toString())));
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
                      + first.place().file().path()
                      + ":"
                      + first.place().line(),
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

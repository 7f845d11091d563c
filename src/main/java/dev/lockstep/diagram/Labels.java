package dev.lockstep.diagram;

import dev.lockstep.model.Artifact;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.Policy;
import dev.lockstep.model.Reference;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.survey.Reading;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The words the diagrams put on nodes and dotted edges, shared by Mermaid and DOT. */
final class Labels {
  /** Shown on a reference whose repo is not checked out: nothing was read. */
  static final String NOT_CHECKED_OUT = "not checked out";

  /** Shown on a reference from or to a disabled artifact: it is not read. */
  static final String DISABLED = "disabled";

  /** Shown on a reference whose places could not be read (a file missing, say). */
  static final String UNREAD = "not read";

  /** Shown on an {@code unversioned} reference: it uses the local checkout. */
  static final String LOCAL = "local";

  private Labels() {}

  /**
   * What a dotted edge says: the distinct values written at its places, in reading order, joined by
   * ", "; prefixed "placeholder" for a placeholder policy; "local" when unversioned; {@code unread}
   * (why: "not checked out", "disabled", "not read") when nothing was read.
   */
  static String reference(Reference r, List<Reading> readings, String unread) {
    if (r.unversioned().isPresent()) {
      return LOCAL;
    }
    Set<String> values = new LinkedHashSet<>();
    readings.forEach(x -> values.add(value(x)));
    if (values.isEmpty()) {
      return unread;
    }
    String joined = String.join(", ", values);
    return r.policy() == Policy.PLACEHOLDER ? "placeholder " + joined : joined;
  }

  /**
   * The value written at one place, as short as it can be while staying what the file says: {@code
   * v0.29.0} stays {@code v0.29.0}, but a whole image reference written through a format such as
   * {@code quay.io/x/helm:v{version}} shows only what follows the image name ({@code v3.14.0}), and
   * a digest is cut to 12 hex digits.
   */
  static String value(Reading x) {
    String v = x.place().value();
    if (x.version().isEmpty()) {
      return v; // the format did not match, so its literal text cannot be cut off safely
    }
    // The format matched, so v starts with the template's literal prefix and ends with its suffix.
    String template = x.format().template();
    String prefix = template.substring(0, template.indexOf('{'));
    String suffix = template.substring(template.lastIndexOf('}') + 1);
    int start = Math.max(prefix.lastIndexOf(':'), prefix.lastIndexOf('/')) + 1;
    int cut = firstOf(suffix, ":/");
    int end = cut < 0 ? v.length() : v.length() - suffix.length() + cut;
    if (start > 0 || cut >= 0) {
      v = v.substring(start, Math.max(start, end));
    }
    if (x.digest().isPresent()) {
      String d = x.digest().get();
      int colon = d.indexOf(':');
      v = v.replace(d, d.length() > colon + 13 ? d.substring(0, colon + 13) : d);
    }
    return v;
  }

  private static int firstOf(String text, String chars) {
    for (int i = 0; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** The lines of an artifact's node (the published node, for a chart of ours). */
  static List<String> artifact(Artifact a) {
    List<String> lines = new ArrayList<>();
    lines.add(a.id().value());
    lines.add(
        a.match(
            i -> "image " + i.name(),
            c ->
                c.isExternal()
                    ? c.publishPath().map(p -> "chart " + p).orElse("chart")
                    : c.publishPath().map(p -> "published chart " + p).orElse("packaged chart"),
            h -> h.path().map(p -> "hook " + p).orElse("hook"),
            f -> f.path().map(p -> "file " + p).orElse("file"),
            s -> "asset " + s.path()));
    if (a.isExternal()) {
      lines.add(a.pinned().map(p -> "external, pinned " + p).orElse("external"));
    }
    a.disabled().ifPresent(why -> lines.add("disabled: " + why));
    return lines;
  }

  /** The lines of a chart's source node, kept in its repo. */
  static List<String> chartSource(ChartArtifact c) {
    List<String> lines = new ArrayList<>();
    lines.add(c.id().value());
    lines.add(
        "chart source " + (c.path().isEmpty() || c.path().equals(".") ? "." : c.path()) + "/");
    c.disabled().ifPresent(why -> lines.add("disabled: " + why));
    return lines;
  }

  static String repoSource(Repo r) {
    return r.id().value() + " source";
  }

  /** {@code kubestellar@GitHub}, as the seed doc titles a repo's subgraph. */
  static String repoTitle(Repo r) {
    return r.id().value() + "@" + Ids.host(r.url());
  }

  /** "kind" of any node id: {@code repo}, or the artifact's kind. */
  static String what(ReleaseGraph g, dev.lockstep.model.ArtifactId id) {
    if (g.repo(id).isPresent()) {
      return "repo";
    }
    return g.artifact(id).map(a -> a.kind().label()).orElse("unknown");
  }

  /**
   * {@code path} relative to {@code base} (with / separators) when it lies below it, else absolute.
   */
  static String display(Path path, Optional<Path> base) {
    Path abs = path.toAbsolutePath().normalize();
    if (base.isPresent()) {
      Path b = base.get().toAbsolutePath().normalize();
      if (abs.startsWith(b)) {
        String rel = b.relativize(abs).toString().replace('\\', '/');
        return rel.isEmpty() ? "." : rel;
      }
    }
    return abs.toString().replace('\\', '/');
  }
}

package dev.lockstep.model;

import java.util.List;
import java.util.Optional;

/**
 * A Helm chart: a directory of a repo (or, when external, a chart published elsewhere), the formats
 * of its {@code version} and {@code appVersion}, and the placeholders {@code Chart.yaml} holds in
 * git when the real versions are stamped only at packaging.
 */
public record ChartArtifact(
    ArtifactId id,
    Optional<ArtifactId> repo,
    Optional<String> disabled,
    List<Reference> uses,
    Source source,
    String path,
    Optional<String> publish,
    VersionFormat versionFormat,
    Optional<VersionFormat> appVersionFormat,
    Optional<String> versionPlaceholder,
    Optional<String> appVersionPlaceholder,
    List<ArtifactId> dependencies,
    Optional<Version> pinned)
    implements Artifact {

  public ChartArtifact {
    uses = List.copyOf(uses);
    dependencies = List.copyOf(dependencies);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.chart(this);
  }

  @Override
  public Kind kind() {
    return Kind.CHART;
  }

  @Override
  public VersionFormat referenceFormat() {
    return versionFormat;
  }

  /** The {@code Chart.yaml} path relative to the repo root. */
  public String chartYaml() {
    return path.isEmpty() || path.equals(".") ? "Chart.yaml" : path + "/Chart.yaml";
  }

  /** The OCI repository without the {@code oci://} scheme, as it is written in commands. */
  public Optional<String> publishPath() {
    return publish.map(p -> p.startsWith("oci://") ? p.substring("oci://".length()) : p);
  }
}

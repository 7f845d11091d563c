package dev.lockstep.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A git repository and a release unit: one version line, tagged as {@link #tagFormat()}.
 *
 * <pre>
 * repos:
 *   kubestellar: { path: .., url: https://github.com/kubestellar/kubestellar, tag: "v{version}" }
 * </pre>
 *
 * @param root the absolute, normalized path where the repo is checked out (it may be absent)
 * @param scanExclude glob patterns of tracked files the undeclared-reference scan passes over
 */
public record Repo(
    ArtifactId id,
    Path root,
    Optional<String> url,
    VersionFormat tagFormat,
    String branch,
    List<String> scanExclude,
    Source source) {

  public Repo {
    scanExclude = List.copyOf(scanExclude);
  }

  public String tagFor(Version version) {
    return tagFormat.render(version);
  }
}
